import type { InProcessBroker } from '@emporium/platform/events/in-process-broker';
import { createProbe as createPlatformProbe, type Probe } from '@emporium/platform/testing/probe-service';

export type { Probe };

/** The platform's probe service, with its tables in `inventory_probe`. */
export function createProbe(options: {
  name: string;
  databaseUrl: string;
  broker: InProcessBroker | undefined;
  namespace: string;
}): Promise<Probe> {
  return createPlatformProbe({ ...options, schema: 'inventory_probe' });
}
