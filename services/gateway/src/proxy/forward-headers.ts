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
    out[name] = value;
  }
  return out;
}

/** Set by the gateway below, whatever the client sent. */
const replacedOnRequest = new Set(['host', 'x-request-id', 'traceparent', 'tracestate']);

export interface ForwardedFor {
  requestId: string;
  clientIp: string;
  protocol: string;
  host: string;
}

/**
 * The headers sent upstream: the client's end-to-end headers (Authorization
 * included, unchanged), the gateway's request id and `X-Forwarded-*`. The
 * caller adds `traceparent` for the gateway's span. `X-Forwarded-For` is
 * appended to, as proxies do; the rightmost entry is the one the gateway saw.
 */
export function requestHeadersFor(incoming: IncomingHttpHeaders, forwarded: ForwardedFor) {
  const headers = copyEndToEnd(incoming, replacedOnRequest);
  const previous = incoming['x-forwarded-for'];
  headers['x-forwarded-for'] = previous ? `${previous}, ${forwarded.clientIp}` : forwarded.clientIp;
  headers['x-forwarded-proto'] = forwarded.protocol;
  headers['x-forwarded-host'] = forwarded.host;
  headers['x-request-id'] = forwarded.requestId;
  return headers;
}

const none: ReadonlySet<string> = new Set();

/** The headers passed back to the client: the upstream's end-to-end headers, as they came. */
export function responseHeadersFrom(
  upstream: Record<string, HeaderValue>,
): Record<string, string | string[]> {
  return copyEndToEnd(upstream, none);
}
