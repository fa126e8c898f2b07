import { Counter } from 'prom-client';
import type { ServiceMetrics } from './metrics.js';

export type { Counter };

/**
 * A business counter (`orders_placed_total`, ...) in the service's own
 * registry, scraped from its `/metrics` beside the RED metrics. Services
 * build their counters here so prom-client stays a platform dependency.
 */
export function createBusinessCounter<Label extends string = never>(
  metrics: ServiceMetrics,
  spec: { name: string; help: string; labelNames?: readonly Label[] },
): Counter<Label> {
  return new Counter({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [metrics.registry],
  });
}
