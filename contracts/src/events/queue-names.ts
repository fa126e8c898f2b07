import type { EventDefinition } from './define-event.js';

/** The queue each consumer of an event reads: `<consumer>.<event type>`. */
export function queueNamesOf(definition: EventDefinition): string[] {
  return definition.consumers.map((consumer) => `${consumer}.${definition.type}`);
}
