import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type BehaviourEvent, type BehaviourKind, popularityWeights } from '../domain/behaviour.js';
import type { ScoredProduct } from '../domain/hybrid.js';
import type { Interaction } from '../domain/item-similarity.js';
import { behaviourEvents } from './schema.js';

export type { ScoredProduct };

/**
 * One multi-row insert; ids are UUIDv7 so the primary key grows in time order.
 * A row whose `source` is already stored (the same purchase announced twice)
 * is skipped; returns the rows actually stored.
 */
export async function insertBehaviourEvents(
  db: SqlExecutor,
  events: Array<BehaviourEvent & { source?: string | null }>,
): Promise<Array<{ productId: string | null }>> {
  if (events.length === 0) return [];
  return db
    .insert(behaviourEvents)
    .values(events.map((event) => ({ id: uuidv7(), ...event })))
    .onConflictDoNothing()
    .returning({ productId: behaviourEvents.productId });
}

const e = behaviourEvents;

/** Who did it: the signed-in user, else the anonymous session. */
const actor = sql`coalesce('u:' || ${e.userId}::text, 's:' || ${e.sessionId})`;

function decayOf(halfLifeSeconds: number): SQL {
  const ageSeconds = sql`greatest(extract(epoch from (now() - ${e.occurredAt}))::float8, 0)`;
  // Floored: PostgreSQL raises an error on float underflow instead of returning 0.
  return sql`exp(greatest(-ln(2) * ${ageSeconds} / ${halfLifeSeconds}::float8, -700))`;
}

function weightOf(weights: Partial<Record<BehaviourKind, number>>): SQL {
  const cases = Object.entries(weights).map(([kind, w]) => sql`when ${kind} then ${w}::float8`);
  return sql`case ${e.kind} ${sql.join(cases, sql` `)} else 0::float8 end`;
}

function kindsOf(weights: Partial<Record<BehaviourKind, number>>): SQL {
  return sql`${e.kind} in (${sql.join(
    Object.keys(weights).map((kind) => sql`${kind}`),
    sql`, `,
  )})`;
}

/**
 * Popularity from recent behaviour, decayed in SQL: each event adds
 * weight(kind) * 2^(-age / halfLife), so an event one half-life old counts half.
 */
export async function popularProducts(
  db: SqlExecutor,
  options: { halfLifeSeconds: number; windowSeconds: number; limit: number; excludeProductId?: string },
): Promise<ScoredProduct[]> {
  const exclude = options.excludeProductId
    ? sql`and ${e.productId} <> ${options.excludeProductId}::uuid`
    : sql``;
  const result = await db.execute<{ product_id: string; score: number }>(sql`
    select ${e.productId} as product_id, sum(${weightOf(popularityWeights)} * ${decayOf(options.halfLifeSeconds)}) as score
    from ${e}
    where ${e.occurredAt} >= now() - make_interval(secs => ${options.windowSeconds})
      and ${kindsOf(popularityWeights)}
      ${exclude}
    group by ${e.productId}
    order by score desc, product_id
    limit ${options.limit}`);
  return result.rows.map((row) => ({ productId: row.product_id, score: Number(row.score) }));
}

export interface InteractionQuery {
  /** Kinds that count, with their weights. */
  weights: Partial<Record<BehaviourKind, number>>;
  halfLifeSeconds: number;
  windowSeconds: number;
}

/**
 * Decayed interest per (actor, product) for collaborative filtering. With
 * `around`, only what the similarity of those products needs: every
 * interaction with any product an actor of theirs also touched (their
 * co-occurrences and those products' norms). Without, everything in the window.
 */
export async function interactions(
  db: SqlExecutor,
  query: InteractionQuery & { around?: readonly string[] },
): Promise<Interaction[]> {
  const recent = sql`${e.occurredAt} >= now() - make_interval(secs => ${query.windowSeconds}) and ${kindsOf(query.weights)}`;
  const scope = query.around
    ? sql`and ${e.productId} in (
        select distinct ${e.productId} from ${e}
        where ${recent} and ${actor} in (
          select distinct ${actor} from ${e}
          where ${recent} and ${e.productId} = any(${sql.param([...query.around])}::uuid[])))`
    : sql``;
  const result = await db.execute<{ actor: string; product_id: string; weight: number }>(sql`
    select ${actor} as actor, ${e.productId} as product_id,
      sum(${weightOf(query.weights)} * ${decayOf(query.halfLifeSeconds)}) as weight
    from ${e}
    where ${recent} ${scope}
    group by 1, 2`);
  return result.rows.map((row) => ({
    actor: row.actor,
    productId: row.product_id,
    weight: Number(row.weight),
  }));
}

export interface ShopperRef {
  userId?: string | undefined;
  sessionId?: string | undefined;
}

function shopperFilter(shopper: ShopperRef): SQL | undefined {
  const parts: SQL[] = [];
  if (shopper.userId) parts.push(sql`${e.userId} = ${shopper.userId}::uuid`);
  if (shopper.sessionId) parts.push(sql`${e.sessionId} = ${shopper.sessionId}`);
  return parts.length === 0 ? undefined : sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The shopper's recent interest per product (views, carts and purchases,
 * weighted and decayed), strongest first, and everything they bought.
 */
export async function historyOf(
  db: SqlExecutor,
  shopper: ShopperRef,
  query: InteractionQuery & { limit: number },
): Promise<{ interests: Array<{ productId: string; weight: number }>; purchased: Set<string> }> {
  const who = shopperFilter(shopper);
  if (!who) return { interests: [], purchased: new Set() };
  const result = await db.execute<{ product_id: string; weight: number; bought: boolean }>(sql`
    select ${e.productId} as product_id,
      sum(${weightOf(query.weights)} * ${decayOf(query.halfLifeSeconds)}) as weight,
      bool_or(${e.kind} = 'purchase') as bought
    from ${e}
    where ${who} and ${e.productId} is not null and ${kindsOf(query.weights)}
      and ${e.occurredAt} >= now() - make_interval(secs => ${query.windowSeconds})
    group by 1
    order by weight desc, product_id
    limit ${query.limit}`);
  const purchased = await db.execute<{ product_id: string }>(sql`
    select distinct ${e.productId} as product_id from ${e} where ${who} and ${e.kind} = 'purchase'`);
  return {
    interests: result.rows.map((row) => ({ productId: row.product_id, weight: Number(row.weight) })),
    purchased: new Set(purchased.rows.map((row) => row.product_id)),
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Erases what a user did (their history is personal data); returns how many rows went. */
export async function eraseBehaviourOf(db: SqlExecutor, userId: string): Promise<number> {
  // Behaviour is keyed by uuid: any other id cannot have left a row here.
  if (!uuidPattern.test(userId)) return 0;
  const erased = await db
    .delete(behaviourEvents)
    .where(sql`${behaviourEvents.userId} = ${userId}::uuid`)
    .returning({ id: behaviourEvents.id });
  return erased.length;
}

/** The purchase rows an order's session recorded, removed; returns their products. */
export async function deletePurchasesOfOrder(
  db: SqlExecutor,
  sessionId: string,
): Promise<Array<{ productId: string | null }>> {
  return db
    .delete(behaviourEvents)
    .where(sql`${behaviourEvents.sessionId} = ${sessionId} and ${behaviourEvents.kind} = 'purchase'`)
    .returning({ productId: behaviourEvents.productId });
}
