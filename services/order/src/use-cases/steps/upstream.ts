import { traceContextOf } from '@emporium/platform/events/event-trace';
import { AppError } from '@emporium/platform/http/errors';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { orderErrors } from '../../domain/errors.js';

/**
 * Awaits work that calls other services: our own refusals pass through; a
 * service that is down, slow or answering nonsense becomes a 503 the client
 * may retry (never a 500: nothing is wrong with this service or the request).
 */
export async function upstream<T>(ctx: RequestContext, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) throw error;
    ctx.logger.warn({ err: error }, 'upstream call failed');
    throw orderErrors.CHECKOUT_UNAVAILABLE('a service the checkout needs did not answer; try again shortly');
  }
}

/** The request's `traceparent`, kept on the saga so background steps continue its trace. */
export function traceparentOf(ctx: RequestContext): string | undefined {
  return traceContextOf(ctx.trace).traceparent;
}
