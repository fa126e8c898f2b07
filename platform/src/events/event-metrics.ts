import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface EventMetrics {
  published: Counter<'type'>;
  publishFailures: Counter<'type'>;
  consumed: Counter<'consumer' | 'type' | 'outcome'>;
  handlerDuration: Histogram<'consumer' | 'type'>;
  retries: Counter<'consumer' | 'type'>;
  deadLettered: Counter<'consumer' | 'type' | 'reason'>;
}

export interface EventMetricSources {
  backlog?: () => Promise<{ count: number; oldestAgeSeconds: number }>;
  deadLetterDepth?: () => Promise<Array<{ queue: string; count: number }>>;
}

/**
 * The event bus's metrics, in the service's own registry: publish and
 * consume rates, handler duration, retries, and gauges read at scrape time
 * (outbox backlog, age of the oldest unsent event, dead letters waiting).
 */
export function createEventMetrics(registry: Registry, sources: EventMetricSources): EventMetrics {
  const registers = [registry];
  if (sources.backlog) {
    const backlog = sources.backlog;
    let last: Promise<{ count: number; oldestAgeSeconds: number }> | undefined;
    // One query serves both gauges of a scrape.
    const read = () => {
      last ??= backlog().finally(() => setTimeout(() => (last = undefined), 100).unref());
      return last;
    };
    new Gauge({
      name: 'outbox_backlog_events',
      help: 'Events written to the outbox and not yet published',
      registers,
      async collect() {
        this.set((await read().catch(() => ({ count: Number.NaN }))).count);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest event not yet published (0 when none)',
      registers,
      async collect() {
        this.set((await read().catch(() => ({ oldestAgeSeconds: Number.NaN }))).oldestAgeSeconds);
      },
    });
  }
  if (sources.deadLetterDepth) {
    const depth = sources.deadLetterDepth;
    new Gauge({
      name: 'event_dead_letters',
      help: 'Dead letters waiting to be inspected or replayed, per queue',
      labelNames: ['queue'] as const,
      registers,
      async collect() {
        this.reset();
        for (const { queue, count } of await depth().catch(() => [])) this.set({ queue }, count);
      },
    });
  }
  return {
    published: new Counter({
      name: 'events_published_total',
      help: 'Events the relay published (broker confirmed)',
      labelNames: ['type'] as const,
      registers,
    }),
    publishFailures: new Counter({
      name: 'events_publish_failures_total',
      help: 'Publish attempts that failed; the events stay in the outbox',
      labelNames: ['type'] as const,
      registers,
    }),
    consumed: new Counter({
      name: 'events_consumed_total',
      help: 'Deliveries handled, by outcome (handled, duplicate, failed)',
      labelNames: ['consumer', 'type', 'outcome'] as const,
      registers,
    }),
    handlerDuration: new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Time a consumer took to handle one delivery, inbox transaction included',
      labelNames: ['consumer', 'type'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    retries: new Counter({
      name: 'event_retries_total',
      help: 'Deliveries scheduled for another attempt after their handler failed',
      labelNames: ['consumer', 'type'] as const,
      registers,
    }),
    deadLettered: new Counter({
      name: 'events_dead_lettered_total',
      help: 'Deliveries moved to the dead letters (poison or retries exhausted)',
      labelNames: ['consumer', 'type', 'reason'] as const,
      registers,
    }),
  };
}
