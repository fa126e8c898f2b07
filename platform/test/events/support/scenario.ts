import { createEnvelope } from '@emporium/contracts/events/envelope';
import { eq, sql } from 'drizzle-orm';
import type { EventRuntime, SubscribeOptions } from '../../../src/events/event-runtime.js';
import type { EventTestEnv } from './event-test-env.js';
import { amountDeposited } from './test-events.js';
import { accounts, effects } from './test-schema.js';

/** The producer's use case: change state and enqueue its event in one transaction. */
export async function deposit(
  env: EventTestEnv,
  producer: EventRuntime,
  input: { accountId: string; amount: number; failAfterEnqueue?: boolean },
): Promise<string> {
  const envelope = createEnvelope(amountDeposited, {
    subject: input.accountId,
    data: { accountId: input.accountId, amount: input.amount },
  });
  await env.db.transaction(async (tx) => {
    await tx
      .insert(accounts)
      .values({ id: input.accountId, balance: input.amount })
      .onConflictDoUpdate({
        target: accounts.id,
        set: { balance: sql`${accounts.balance} + ${input.amount}` },
      });
    await producer.enqueue(tx, envelope);
    if (input.failAfterEnqueue) throw new Error('state change failed after the event was written');
  });
  return envelope.id;
}

export async function balanceOf(env: EventTestEnv, accountId: string): Promise<number | undefined> {
  const [row] = await env.db.select().from(accounts).where(eq(accounts.id, accountId));
  return row?.balance;
}

/** A consumer whose effect is one `effects` row per handled event. */
export function subscribeEffects(
  consumer: EventRuntime,
  options: SubscribeOptions & {
    beforeEffect?: (attempt: number, eventId: string) => Promise<void> | void;
  } = {},
) {
  const { beforeEffect, ...subscribeOptions } = options;
  consumer.subscribe(
    amountDeposited,
    async (event, ctx) => {
      await beforeEffect?.(ctx.attempt, event.id);
      await ctx.tx
        .insert(effects)
        .values({ eventId: event.id, subject: event.subject, sequence: event.aggregatesequence ?? null });
    },
    subscribeOptions,
  );
}

export async function effectCounts(env: EventTestEnv): Promise<{ total: number; distinct: number }> {
  const result = await env.pool.query<{ total: string; distinct: string }>(
    'select count(*) as total, count(distinct event_id) as distinct from events_test.effects',
  );
  return { total: Number(result.rows[0]!.total), distinct: Number(result.rows[0]!.distinct) };
}
