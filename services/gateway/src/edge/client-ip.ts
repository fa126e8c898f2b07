import type { IncomingHttpHeaders } from 'node:http';
import { normalizeIP } from '@fastify/rate-limit';

const entriesOf = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

const first = (value: string | string[] | undefined) => entriesOf(value)[0];

export interface ForwardedClient {
  /** The `X-Forwarded-For` chain up to the client: its last entry is the client. */
  chain: string[];
  protocol: string;
  host: string;
}

/**
 * Who the client is, seen from the gateway. With `trustedHops` proxies in
 * front of it (a load balancer, an ingress), each appended the address it
 * got the request from, so the client is that many entries from the right
 * of `X-Forwarded-For` plus the socket address; entries further left were
 * written by the client and are passed on but not believed. The chain sent
 * upstream stops at the client, so a service reads the client as the last
 * entry whatever sits in front of the gateway. Scheme and host come from
 * the trusted proxy when there is one (it terminated TLS).
 */
export function forwardedClientOf(
  socket: { ip: string; protocol: string; host: string },
  headers: IncomingHttpHeaders,
  trustedHops: number,
): ForwardedClient {
  const chain = [...entriesOf(headers['x-forwarded-for']), socket.ip];
  if (trustedHops === 0) return { chain, protocol: socket.protocol, host: socket.host };
  return {
    chain: chain.slice(0, Math.max(1, chain.length - trustedHops)),
    protocol: first(headers['x-forwarded-proto']) ?? socket.protocol,
    host: first(headers['x-forwarded-host']) ?? socket.host,
  };
}

/**
 * The key a client's requests are counted under: its address, IPv6 reduced
 * to its /64 (which one subscriber usually holds whole), v4-mapped to IPv4.
 */
export function clientKeyOf(socketIp: string, headers: IncomingHttpHeaders, trustedHops: number): string {
  let ip = socketIp;
  if (trustedHops > 0) {
    const chain = [...entriesOf(headers['x-forwarded-for']), socketIp];
    ip = chain[Math.max(0, chain.length - 1 - trustedHops)] ?? socketIp;
  }
  try {
    return normalizeIP(ip);
  } catch {
    return ip;
  }
}
