import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type BehaviourEvent, popularityWeights } from '../domain/behaviour.js';
import type { RecommendationDb } from './database.js';
import { behaviourEvents } from './schema.js';

export interface ScoredProduct {
  productId: string;
  score: number;
}

/** One multi-row insert; ids are UUIDv7 so the primary key grows in time order. */
export async function insertBehaviourEvents(db: RecommendationDb, events: BehaviourEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = await db
    .insert(behaviourEvents)
    .values(events.map((event) => ({ id: uuidv7(), ...event })))
    .returning({ id: behaviourEvents.id });
  return rows.length;
}

/**
 * Popularity from recent behaviour, decayed in SQL: each event adds
 * weight(kind) * 2^(-age / halfLife), so an event one half-life old counts
 * half. The exponent is floored because PostgreSQL raises an error on float
 * underflow instead of returning 0.
 */
export async function popularProducts(
  db: RecommendationDb,
  options: { halfLifeSeconds: number; windowSeconds: number; limit: number; excludeProductId?: string },
): Promise<ScoredProduct[]> {
  const e = behaviourEvents;
  const weight = sql`case ${e.kind}
    when 'view' then ${popularityWeights.view}::float8
    when 'add_to_cart' then ${popularityWeights.add_to_cart}::float8
    when 'purchase' then ${popularityWeights.purchase}::float8 end`;
  const ageSeconds = sql`greatest(extract(epoch from (now() - ${e.occurredAt}))::float8, 0)`;
  const decay = sql`exp(greatest(-ln(2) * ${ageSeconds} / ${options.halfLifeSeconds}::float8, -700))`;
  const exclude = options.excludeProductId
    ? sql`and ${e.productId} <> ${options.excludeProductId}::uuid`
    : sql``;
  const result = await db.execute<{ product_id: string; score: number }>(sql`
    select ${e.productId} as product_id, sum(${weight} * ${decay}) as score
    from ${e}
    where ${e.occurredAt} >= now() - make_interval(secs => ${options.windowSeconds})
      and ${e.kind} in ('view', 'add_to_cart', 'purchase')
      ${exclude}
    group by ${e.productId}
    order by score desc, product_id
    limit ${options.limit}`);
  return result.rows.map((row) => ({ productId: row.product_id, score: Number(row.score) }));
}
