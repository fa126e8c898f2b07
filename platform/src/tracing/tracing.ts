import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;

/**
 * Registers the process's tracer provider once. It always records trace ids
 * (logs and outbound calls carry them); spans leave the process only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Embedded mode hosts every service in
 * one process, so the first caller names the process and each service gets
 * its own tracer.
 */
export function initTracing(settings: { processName: string; otlpEndpoint?: string | undefined }): void {
  if (provider) return;
  const spanProcessors: SpanProcessor[] = [];
  if (settings.otlpEndpoint) {
    const url = new URL('/v1/traces', settings.otlpEndpoint).toString();
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.processName }),
    spanProcessors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

type HeaderBag = Record<string, string | string[] | undefined>;

const headerGetter = {
  keys: (carrier: HeaderBag) => Object.keys(carrier),
  get: (carrier: HeaderBag, key: string) => {
    const value = carrier[key];
    return Array.isArray(value) ? value[0] : value;
  },
};

/** Starts the server span of an inbound request, child of the caller's `traceparent` when present. */
export function startInboundSpan(
  service: string,
  name: string,
  headers: HeaderBag,
): { span: Span; ctx: Context } {
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
  const span = trace.getTracer(service).startSpan(name, { kind: SpanKind.SERVER }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

/** Starts a client span for an outbound call; `injectTraceHeaders` then carries it. */
export function startOutboundSpan(
  service: string,
  name: string,
  parent: Context | undefined,
): { span: Span; ctx: Context } {
  const base = parent ?? context.active();
  const span = trace.getTracer(service).startSpan(name, { kind: SpanKind.CLIENT }, base);
  return { span, ctx: trace.setSpan(base, span) };
}

/** Writes `traceparent` (and `tracestate`) for `ctx` into `headers`. */
export function injectTraceHeaders(ctx: Context, headers: Record<string, string>): Record<string, string> {
  propagation.inject(ctx, headers);
  return headers;
}

export function traceIdOf(ctx: Context | undefined): string | undefined {
  const spanContext = ctx ? trace.getSpanContext(ctx) : undefined;
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
