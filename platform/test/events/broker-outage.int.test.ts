import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRuntime } from '../../src/events/event-runtime.js';
import { countOf, createEventTestEnv, type EventTestEnv, modes, waitFor } from './support/event-test-env.js';
import { deposit, effectCounts, subscribeEffects } from './support/scenario.js';
import { startTcpProxy, viaProxy } from './support/tcp-proxy.js';
import { amountDeposited } from './support/test-events.js';

const outageEvents = 1_000;

/**
 * RabbitMQ: every connection of the producer and the consumer goes through a
 * proxy that the test cuts. Embedded: the consumer's queue goes offline (its
 * service closes), which the in-process broker treats the same way: the
 * publish fails and the event stays in the outbox.
 */
describe.each(modes)('broker outage on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
  let producer: EventRuntime;
  let consumer: EventRuntime;
  const busOptions = () => (proxy && env.amqpUrl ? { amqpUrl: viaProxy(env.amqpUrl, proxy.port) } : {});
  const startConsumer = async () => {
    consumer = env.createRuntime({ service: 'analytics', bus: env.createBus(busOptions()) });
    subscribeEffects(consumer, { concurrency: 20 });
    await consumer.start();
  };

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    if (env.amqpUrl) {
      const url = new URL(env.amqpUrl);
      proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5672) });
    }
    await startConsumer();
    producer = env.createRuntime({
      service: 'payment',
      bus: env.createBus(busOptions()),
      produces: [amountDeposited],
    });
    await producer.start();
    env.broker?.open();
  });

  afterAll(async () => {
    await producer?.close();
    await consumer?.close();
    await proxy?.close();
    await env?.cleanup();
  });

  it(`keeps ${outageEvents} events produced while the broker is unreachable and delivers each once after`, async () => {
    await deposit(env, producer, { accountId: 'warm-up', amount: 1 });
    await waitFor(
      () => effectCounts(env),
      (c) => c.total === 1,
      { what: 'the warm-up event' },
    );

    if (proxy) proxy.down();
    else await consumer.close();

    for (let i = 0; i < outageEvents; i += 1) {
      await deposit(env, producer, { accountId: `acct-${i % 37}`, amount: 1 });
    }
    // Nothing got through while the broker was away; the outbox holds it all.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await effectCounts(env)).total).toBe(1);
    expect(
      await countOf(env.pool, 'select count(*) as n from events_test.outbox where published_at is null'),
    ).toBe(outageEvents);

    if (proxy) proxy.up();
    else await startConsumer();

    const counts = await waitFor(
      () => effectCounts(env),
      (c) => c.total >= outageEvents + 1,
      {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: 'every event after the outage',
      },
    );
    // A moment more, for any duplicate still on its way, then: each event took effect exactly once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const settled = await effectCounts(env);
    expect(settled).toEqual({ total: outageEvents + 1, distinct: outageEvents + 1 });
    expect(counts.distinct).toBe(counts.total);
    await waitFor(
      () => countOf(env.pool, 'select count(*) as n from events_test.outbox where published_at is null'),
      (n) => n === 0,
      { what: 'the outbox to drain' },
    );
  }, 120_000);
});
