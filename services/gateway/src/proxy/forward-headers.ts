import type { IncomingHttpHeaders } from 'node:http';

type HeaderValue = string | string[] | undefined;

/** Headers that describe one connection, not the message: never forwarded either way (RFC 9110 §7.6.1). */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  // Answered by the gateway's own server; undici refuses to send it.
  'expect',
]);

/**
 * Headers between the platform's own parts (`X-Internal-*`, a mesh's
 * `X-Envoy-*`): a client must not be able to send them in, nor a service
 * leak them out.
 */
const internalPrefixes = ['x-internal-', 'x-envoy-'];
const isInternal = (name: string) => internalPrefixes.some((prefix) => name.startsWith(prefix));

/** Hop-by-hop headers, plus any the sender named in its `Connection` header. */
function droppedBy(headers: Record<string, HeaderValue>): Set<string> | undefined {
  const connection = headers.connection;
  if (!connection) return undefined;
  const named = (Array.isArray(connection) ? connection.join(',') : connection)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return named.length > 0 ? new Set(named) : undefined;
}

function copyEndToEnd(
  headers: Record<string, HeaderValue>,
  skip: ReadonlySet<string>,
): Record<string, string | string[]> {
  const extra = droppedBy(headers);
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || hopByHop.has(name) || skip.has(name) || extra?.has(name)) continue;
    if (isInternal(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Set by the gateway below, whatever the client sent. */
const replacedOnRequest = new Set([
  'host',
  'x-request-id',
  'traceparent',
  'tracestate',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
]);

export interface Forwarding {
  requestId: string;
  /** `X-Forwarded-For` entries up to the client (edge/client-ip.ts). */
  chain: readonly string[];
  protocol: string;
  host: string;
}

/**
 * The headers sent upstream: the client's end-to-end headers (Authorization
 * and X-Api-Key included, unchanged: each service verifies them again) minus
 * internal ones, the gateway's request id and `X-Forwarded-*`, whose
 * `X-Forwarded-For` ends with the client the gateway saw.
 */
export function requestHeadersFor(incoming: IncomingHttpHeaders, forwarding: Forwarding) {
  const headers = copyEndToEnd(incoming, replacedOnRequest);
  headers['x-forwarded-for'] = forwarding.chain.join(', ');
  headers['x-forwarded-proto'] = forwarding.protocol;
  headers['x-forwarded-host'] = forwarding.host;
  headers['x-request-id'] = forwarding.requestId;
  return headers;
}

/**
 * Never passed back: the software fingerprints of whatever answered, and the
 * headers the gateway sets itself for every response (security headers,
 * CORS), which a service must not loosen.
 */
const replacedOnResponse = new Set([
  'server',
  'x-powered-by',
  'x-aspnet-version',
  'x-aspnetmvc-version',
  'content-security-policy',
  'content-security-policy-report-only',
  'strict-transport-security',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
]);

/** The headers passed back to the client: the upstream's end-to-end headers, minus the above. */
export function responseHeadersFrom(
  upstream: Record<string, HeaderValue>,
): Record<string, string | string[]> {
  return copyEndToEnd(upstream, replacedOnResponse);
}
