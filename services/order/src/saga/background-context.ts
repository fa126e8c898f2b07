import type { RequestContext } from '@emporium/platform/http/request-context';
import type { Logger } from '@emporium/platform/log/logger';
import { startInboundSpan, traceIdOf } from '@emporium/platform/tracing/tracing';
import type { CheckoutSaga } from '../domain/checkout-saga.js';

/**
 * The context a saga step runs in when no request is being served: a span
 * continuing the checkout's own trace (its `traceparent` is kept in the
 * plan), a logger naming the order and step, and no caller's credentials
 * (the clients then use the service's own).
 */
export function backgroundContext(logger: Logger, saga: CheckoutSaga) {
  const carrier = saga.plan.traceparent ? { traceparent: saga.plan.traceparent } : {};
  const { span, ctx: trace } = startInboundSpan('order', `saga ${saga.direction} ${saga.step}`, carrier);
  const ctx: RequestContext = {
    requestId: `saga-${saga.orderId}`,
    logger: logger.child({
      orderId: saga.orderId,
      step: saga.step,
      direction: saga.direction,
      traceId: traceIdOf(trace),
    }),
    trace,
  };
  return { ctx, end: () => span.end() };
}
