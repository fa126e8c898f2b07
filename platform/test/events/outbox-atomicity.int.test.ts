import { createEnvelope } from '@emporium/contracts/events/envelope';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventRuntime } from '../../src/events/event-runtime.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { countOf, createEventTestEnv, type EventTestEnv, modes, waitFor } from './support/event-test-env.js';
import { balanceOf, deposit, effectCounts, subscribeEffects } from './support/scenario.js';
import { amountDeposited } from './support/test-events.js';

describe.each(modes)('outbox on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  let producers: EventRuntime[];
  let consumer: EventRuntime;
  let tracer: EventRuntime;
  const seenTraces = new Map<string, string | undefined>();
  const consumerMetrics = createMetrics('analytics');
  const producerMetrics = [createMetrics('payment'), createMetrics('payment')];

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    consumer = env.createRuntime({ service: 'analytics', bus: env.createBus(), metrics: consumerMetrics });
    subscribeEffects(consumer);
    // Two relays on one outbox: replicas of the producing service.
    producers = producerMetrics.map((metrics) =>
      env.createRuntime({ service: 'payment', bus: env.createBus(), produces: [amountDeposited], metrics }),
    );
    // A second consumer of the same event, recording the trace its handler runs under.
    tracer = env.createRuntime({ service: 'notification', bus: env.createBus() });
    tracer.subscribe(amountDeposited, async (event, ctx) => {
      seenTraces.set(event.id, trace.getSpanContext(ctx.trace)?.traceId);
    });
    await consumer.start();
    await tracer.start();
    for (const producer of producers) await producer.start();
    env.broker?.open();
  });

  afterAll(async () => {
    for (const runtime of [...(producers ?? []), consumer, tracer]) await runtime?.close();
    await env?.cleanup();
  });

  it('commits the state change and its event together, and rolls both back together', async () => {
    const committed = await deposit(env, producers[0]!, { accountId: 'acc-1', amount: 10 });
    await expect(
      deposit(env, producers[0]!, { accountId: 'acc-2', amount: 5, failAfterEnqueue: true }),
    ).rejects.toThrow(/failed after the event/);
    const marker = await deposit(env, producers[0]!, { accountId: 'acc-3', amount: 1 });

    expect(await balanceOf(env, 'acc-1')).toBe(10);
    expect(await balanceOf(env, 'acc-2')).toBeUndefined();
    expect(
      await countOf(env.pool, "select count(*) as n from events_test.outbox where aggregate_id = 'acc-2'"),
    ).toBe(0);

    // Different subjects carry no order between them: wait for both committed events.
    await waitFor(
      () =>
        countOf(env.pool, 'select count(*) as n from events_test.effects where event_id = any($1)', [
          [committed, marker],
        ]),
      (n) => n === 2,
      { what: 'both committed events to be handled' },
    );
    expect(
      await countOf(env.pool, "select count(*) as n from events_test.effects where subject = 'acc-2'"),
    ).toBe(0);
    expect(
      await countOf(env.pool, 'select count(*) as n from events_test.outbox where published_at is null'),
    ).toBe(0);
  });

  it('numbers each aggregate and delivers it in order with two relays at work', async () => {
    const subjects = ['ord-a', 'ord-b', 'ord-c', 'ord-d'];
    const writes: Promise<string>[] = [];
    for (let i = 0; i < 50; i += 1) {
      for (const [index, subject] of subjects.entries()) {
        writes.push(deposit(env, producers[(i + index) % 2]!, { accountId: subject, amount: 1 }));
      }
    }
    await Promise.all(writes);
    const sequences = await env.pool.query<{ aggregate_id: string; seqs: number[] }>(
      `select aggregate_id, array_agg(sequence order by id) as seqs from events_test.outbox
       where aggregate_id like 'ord-%' group by aggregate_id`,
    );
    for (const row of sequences.rows) expect(row.seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    await waitFor(
      () => effectCounts(env),
      (c) => c.total >= 202,
      { what: 'every event handled' },
    );
    const handled = await env.pool.query<{ subject: string; seqs: number[] }>(
      `select subject, array_agg(sequence order by id) as seqs from events_test.effects
       where subject like 'ord-%' group by subject`,
    );
    expect(handled.rows).toHaveLength(4);
    for (const row of handled.rows) expect(row.seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('carries the producer’s trace context to the consumer’s handler', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const envelope = createEnvelope(amountDeposited, {
      subject: 'traced',
      data: { accountId: 'traced', amount: 1 },
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    await env.db.transaction((tx) => producers[0]!.enqueue(tx, envelope));
    await waitFor(async () => seenTraces.has(envelope.id), Boolean, { what: 'the traced event' });
    expect(seenTraces.get(envelope.id)).toBe(traceId);
  });

  it('reports publishing, consumption and the outbox backlog in the service metrics', async () => {
    // The relay counts a publish after it has marked the row sent, which may trail the
    // consumer's handling by a moment: wait (bounded) for the counters to settle.
    await vi.waitFor(
      async () => {
        // Either replica's relay may have published any given event: read both.
        const producerText = (await Promise.all(producerMetrics.map((m) => m.registry.metrics()))).join('\n');
        expect(producerText).toMatch(/events_published_total\{[^}]*type="account.deposited"[^}]*\} [1-9]/);
        expect(producerText).toMatch(/outbox_backlog_events\{[^}]*\} 0/);
        expect(producerText).toMatch(/outbox_oldest_unsent_age_seconds\{[^}]*\} 0/);
      },
      { timeout: 5_000, interval: 100 },
    );
    const consumerText = await consumerMetrics.registry.metrics();
    expect(consumerText).toMatch(
      /events_consumed_total\{[^}]*consumer="analytics"[^}]*outcome="handled"[^}]*\} 20[2-9]/,
    );
    expect(consumerText).toMatch(/event_handler_duration_seconds_count\{[^}]*consumer="analytics"/);
    expect(consumerText).toMatch(/event_dead_letters|# HELP event_dead_letters/);
  });
});
