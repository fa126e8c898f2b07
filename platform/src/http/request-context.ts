/// <reference types="@fastify/swagger" preserve="true" />
import type { Context, Span } from '@opentelemetry/api';
import type { Logger } from '../log/logger.js';

/**
 * What a use case needs to know about the request that started it: passed
 * explicitly as `ctx` (STYLE: use cases take `(deps, ctx, input)`), and what
 * the outbound client reads to propagate request id, trace and credentials.
 */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  trace: Context;
  /** The caller's credentials, forwarded as-is on service-to-service calls made for them. */
  authorization?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    span: Span;
  }
}
