import { behaviourEvents } from './behaviour-events.js';
import { cartEvents } from './cart-events.js';
import type { EventDefinition } from './define-event.js';
import { inventoryEvents } from './inventory-events.js';
import { orderEvents } from './order-events.js';
import { paymentEvents } from './payment-events.js';
import { productEvents } from './product-events.js';
import { searchEvents } from './search-events.js';
import { userEvents } from './user-events.js';

/** Every event Emporium's services exchange, each defined once (docs/events.md is generated from this). */
export const eventCatalog = [
  ...orderEvents,
  ...inventoryEvents,
  ...paymentEvents,
  ...userEvents,
  ...productEvents,
  ...cartEvents,
  ...behaviourEvents,
  ...searchEvents,
] as const;

export type CatalogEvent = (typeof eventCatalog)[number];
export type EventType = CatalogEvent['type'];

const byType = new Map<string, EventDefinition>(eventCatalog.map((d) => [d.type, d]));
if (byType.size !== eventCatalog.length) throw new Error('two event definitions share a type');

export function eventDefinitionOf(type: string): EventDefinition | undefined {
  return byType.get(type);
}
