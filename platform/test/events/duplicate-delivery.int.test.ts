import { createEnvelope } from '@emporium/contracts/events/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../../src/events/event-bus.js';
import type { EventRuntime } from '../../src/events/event-runtime.js';
import { handleOnce } from '../../src/events/handle-once.js';
import { createEventTestEnv, type EventTestEnv, modes, waitFor } from './support/event-test-env.js';
import { effectCounts, subscribeEffects } from './support/scenario.js';
import { amountDeposited } from './support/test-events.js';
import { effects, inbox } from './support/test-schema.js';

describe.each(modes)('duplicate deliveries on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  let consumer: EventRuntime;
  let publisher: EventBus;

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    consumer = env.createRuntime({ service: 'analytics', bus: env.createBus() });
    subscribeEffects(consumer);
    await consumer.start();
    publisher = env.createBus();
    await publisher.start();
    env.broker?.open();
  });

  afterAll(async () => {
    await consumer?.close();
    await env?.cleanup();
  });

  it('gives the same message delivered twice one effect', async () => {
    const envelope = createEnvelope(amountDeposited, {
      subject: 'dup-1',
      data: { accountId: 'dup-1', amount: 3 },
    });
    await publisher.publish(envelope);
    await publisher.publish(envelope);
    const marker = createEnvelope(amountDeposited, {
      subject: 'dup-1',
      data: { accountId: 'dup-1', amount: 1 },
    });
    await publisher.publish(marker);

    await waitFor(
      () => effectCounts(env),
      (c) => c.total >= 2,
      { what: 'both events handled' },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await env.db.select().from(effects);
    expect(rows.filter((r) => r.eventId === envelope.id)).toHaveLength(1);
    expect(rows.filter((r) => r.eventId === marker.id)).toHaveLength(1);
  });

  it('lets only one of two concurrent handlers of one event take effect', async () => {
    const envelope = createEnvelope(amountDeposited, {
      subject: 'dup-2',
      data: { accountId: 'dup-2', amount: 1 },
    });
    const work = (tx: Parameters<Parameters<typeof handleOnce>[4]>[0]) =>
      tx
        .insert(effects)
        .values({ eventId: envelope.id, subject: 'dup-2' })
        .then(() => {});
    const outcomes = await Promise.all([
      handleOnce(env.db, inbox, 'notification', envelope, work),
      handleOnce(env.db, inbox, 'notification', envelope, work),
    ]);
    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    // Another consumer of the same event is a different inbox entry: it takes effect too.
    expect(await handleOnce(env.db, inbox, 'search', envelope, work)).toBe('handled');
    const rows = (await env.db.select().from(effects)).filter((r) => r.eventId === envelope.id);
    expect(rows).toHaveLength(2);
  });

  it('rolls the inbox entry back with a failed handler, so the retry still takes effect', async () => {
    const envelope = createEnvelope(amountDeposited, {
      subject: 'dup-3',
      data: { accountId: 'dup-3', amount: 1 },
    });
    await expect(
      handleOnce(env.db, inbox, 'notification', envelope, async (tx) => {
        await tx.insert(effects).values({ eventId: envelope.id, subject: 'dup-3' });
        throw new Error('handler failed half-way');
      }),
    ).rejects.toThrow(/half-way/);
    expect(
      await handleOnce(env.db, inbox, 'notification', envelope, async (tx) => {
        await tx.insert(effects).values({ eventId: envelope.id, subject: 'dup-3' });
      }),
    ).toBe('handled');
    expect((await env.db.select().from(effects)).filter((r) => r.eventId === envelope.id)).toHaveLength(1);
  });
});
