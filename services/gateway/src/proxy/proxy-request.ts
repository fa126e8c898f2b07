import { platformErrors } from '@emporium/platform/http/errors';
import { sendProblem } from '@emporium/platform/http/problem';
import { UpstreamStatusError } from '@emporium/platform/resilience/upstream-policy';
import { injectTraceHeaders } from '@emporium/platform/tracing/tracing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import type { GatewayDeps } from '../deps.js';
import { forwardedClientOf } from '../edge/client-ip.js';
import { targetOf, type Upstream } from '../upstream/upstreams.js';
import { answerWithin } from './answer-within.js';
import { bodyWithin, declaresTooMuch, isBodyTooLarge } from './body-limit.js';
import { requestHeadersFor, responseHeadersFrom } from './forward-headers.js';
import { isConnectFailure, proxyFailureOf } from './proxy-failure.js';

type UpstreamResponse = Dispatcher.ResponseData;

/**
 * A 5xx answer: thrown inside the policy so the breaker counts it, then
 * caught and passed to the client unchanged (problem+json included).
 */
class UpstreamFailed extends UpstreamStatusError {
  constructor(readonly response: UpstreamResponse) {
    super(response.statusCode);
  }
}

const repeatable = new Set(['GET', 'HEAD']);
const noBody = (status: number, method: string) => method === 'HEAD' || status === 204 || status === 304;

/** What the route allows a proxied call: how long the upstream may take, how large the body may be. */
export interface RouteLimits {
  timeoutMs: number;
  bodyLimitBytes: number;
}

/**
 * Forwards one request to an instance of `upstream` and streams the answer
 * back, bodies unbuffered both ways (except an answer of at most 64 KB,
 * read whole: one write to the client is measurably cheaper than a pipe).
 * Runs under the upstream's bulkhead and breaker and the route's timeout (a
 * proxied call is never repeated, except a GET/HEAD whose connection could
 * not be opened, so nothing was sent).
 */
export async function proxyRequest(
  deps: GatewayDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  limits: RouteLimits,
): Promise<FastifyReply> {
  const method = request.method;
  const sendsBody = !repeatable.has(method);
  if (sendsBody && declaresTooMuch(request.raw, limits.bodyLimitBytes)) {
    return refuseBody(request, reply, limits.bodyLimitBytes);
  }
  const headers = requestHeadersFor(request.headers, {
    requestId: request.ctx.requestId,
    ...forwardedClientOf(request, request.headers, deps.config.trustProxyHops),
  });
  // The gateway's span for this request is the parent of the upstream's.
  const trace: Record<string, string> = {};
  injectTraceHeaders(request.ctx.trace, trace);
  Object.assign(headers, trace);
  // The content-type parser left the body unread: it goes upstream as a stream.
  const body = sendsBody ? bodyWithin(request.raw, limits.bodyLimitBytes) : null;

  // No abort signal: the route's timeout answers the client (answer-within.ts),
  // and the agent's headers timeout (the same duration) releases the connection.
  const send = async (baseUrl: string): Promise<UpstreamResponse> => {
    const target = targetOf(baseUrl);
    try {
      const pending = upstream.agent.request({
        origin: target.origin,
        path: target.basePath + request.url,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        headersTimeout: limits.timeoutMs,
      });
      const response = await answerWithin(pending, limits.timeoutMs);
      if (response.statusCode >= 500) throw new UpstreamFailed(response);
      return response;
    } catch (error) {
      if (!(error instanceof UpstreamFailed) && !isBodyTooLarge(error)) picker.skip(baseUrl);
      throw error;
    }
  };
  // Discovery's next instance; one whose breaker is open is skipped for the next.
  const picker = {
    resolve: () => deps.locator.resolve(upstream.service),
    skip: (baseUrl: string) => deps.locator.reportFailure?.(upstream.service, baseUrl),
  };

  let response: UpstreamResponse;
  try {
    response = await upstream.policy.execute(picker, send);
  } catch (error) {
    try {
      if (body !== null || !isConnectFailure(error)) throw error;
      response = await upstream.policy.execute(picker, send);
    } catch (failure) {
      if (failure instanceof UpstreamFailed) return answer(reply, failure.response, method);
      if (isBodyTooLarge(failure)) return refuseBody(request, reply, limits.bodyLimitBytes);
      return fail(request, reply, upstream, failure, limits.timeoutMs);
    }
  }
  return answer(reply, response, method);
}

/** Bodies up to this size (by Content-Length) are read whole and sent in one write; larger ones stream. */
const smallBody = 64 * 1024;

async function answer(
  reply: FastifyReply,
  response: UpstreamResponse,
  method: string,
): Promise<FastifyReply> {
  const headers = responseHeadersFrom(response.headers);
  if (noBody(response.statusCode, method)) {
    response.body.dump().catch(() => {});
    return reply.code(response.statusCode).headers(headers).send();
  }
  // Read before any header is set, so a body cut short becomes a clean problem answer.
  const length = Number(response.headers['content-length'] ?? Number.NaN);
  const payload = length <= smallBody ? Buffer.from(await response.body.arrayBuffer()) : response.body;
  return reply.code(response.statusCode).headers(headers).send(payload);
}

/**
 * 413: the body is over the route's limit, by its declared length or once
 * streamed past it. What is still arriving is read and dropped until the
 * answer is out, then the connection is closed: a client that stops sending
 * after an early answer would otherwise hold it open, waiting for a body.
 */
function refuseBody(request: FastifyRequest, reply: FastifyReply, limitBytes: number): FastifyReply {
  request.raw.unpipe();
  request.raw.resume();
  reply.header('connection', 'close');
  return sendProblem(reply, platformErrors.PAYLOAD_TOO_LARGE(`at most ${limitBytes} bytes on this route`));
}

function fail(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  error: unknown,
  timeoutMs: number,
): FastifyReply {
  const failure = proxyFailureOf(error, upstream.service, { ...upstream.settings, timeoutMs });
  const level = failure.unexpected ? 'error' : 'warn';
  request.ctx.logger[level](
    { err: error, upstream: upstream.service, code: failure.error.code },
    'proxy failed',
  );
  if (failure.retryAfter !== undefined) reply.header('retry-after', String(failure.retryAfter));
  return sendProblem(reply, failure.error);
}
