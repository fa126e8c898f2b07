import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { factBehaviour, factSearchClicks, factSearches, factStockEvents } from './schema.js';

export type BehaviourFact = typeof factBehaviour.$inferInsert;
export type SearchFact = typeof factSearches.$inferInsert;
export type SearchClickFact = typeof factSearchClicks.$inferInsert;

/** Keyed by the reporting event's id: the same report twice is one interaction. */
export async function recordBehaviour(tx: SqlExecutor, fact: BehaviourFact): Promise<void> {
  await tx.insert(factBehaviour).values(fact).onConflictDoNothing();
}

/** Keyed by the search service's search id. */
export async function recordSearch(tx: SqlExecutor, fact: SearchFact): Promise<void> {
  await tx.insert(factSearches).values(fact).onConflictDoNothing();
}

/** One click per product per search, even when the shopper opened it twice or the event came twice. */
export async function recordSearchClick(tx: SqlExecutor, fact: SearchClickFact): Promise<void> {
  await tx.insert(factSearchClicks).values(fact).onConflictDoNothing();
}

export type StockEventFact = typeof factStockEvents.$inferInsert;

/** One row per SKU line of an inventory event; a redelivered event adds nothing. */
export async function recordStockEvents(tx: SqlExecutor, facts: StockEventFact[]): Promise<void> {
  if (facts.length === 0) return;
  await tx.insert(factStockEvents).values(facts).onConflictDoNothing();
}
