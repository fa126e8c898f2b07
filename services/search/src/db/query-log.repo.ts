import type { MatchMode, SearchFilters, SearchSort } from '../domain/search-request.js';
import type { SearchDb } from './database.js';
import { queries } from './schema.js';

export interface QueryLogEntry {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  matchMode: MatchMode;
  resultCount: number;
  latencyMs: number;
}

export async function logQuery(db: SearchDb, entry: QueryLogEntry): Promise<void> {
  // Undefined filters are dropped so the log holds only what the shopper set.
  const filters = Object.fromEntries(
    Object.entries(entry.filters).filter(([, value]) => value !== undefined),
  );
  await db.insert(queries).values({ ...entry, filters });
}
