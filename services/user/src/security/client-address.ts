import type { FastifyRequest } from 'fastify';

/**
 * The client's address: behind the gateway, the rightmost `X-Forwarded-For`
 * entry (the address the gateway itself saw; entries to its left are the
 * client's own claims and are ignored); otherwise the socket's peer.
 */
export function clientAddressOf(request: FastifyRequest, trustForwardedFor: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustForwardedFor && forwarded) {
    const joined = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
    const last = joined.split(',').at(-1)?.trim();
    if (last && last.length <= 64) return last;
  }
  return request.ip;
}
