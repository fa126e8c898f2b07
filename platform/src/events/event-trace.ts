import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { type Context, context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { injectTraceHeaders } from '../tracing/tracing.js';

/** The `traceparent` / `tracestate` to put in an envelope produced under `ctx` (a request's trace). */
export function traceContextOf(ctx: Context = context.active()): {
  traceparent?: string;
  tracestate?: string;
} {
  const headers = injectTraceHeaders(ctx, {});
  return {
    ...(headers.traceparent ? { traceparent: headers.traceparent } : {}),
    ...(headers.tracestate ? { tracestate: headers.tracestate } : {}),
  };
}

/** A consumer span, child of the producer's trace carried in the envelope's extensions. */
export function startConsumerSpan(service: string, envelope: AnyEnvelope) {
  const carrier: Record<string, string> = {};
  if (envelope.traceparent) carrier.traceparent = envelope.traceparent;
  if (envelope.tracestate) carrier.tracestate = envelope.tracestate;
  const parent = propagation.extract(ROOT_CONTEXT, carrier);
  const span = trace.getTracer(service).startSpan(
    `consume ${envelope.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.message.id': envelope.id,
        'messaging.destination.name': envelope.type,
      },
    },
    parent,
  );
  const ctx = trace.setSpan(parent, span);
  const spanContext = span.spanContext();
  return { span, ctx, traceId: trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined };
}
