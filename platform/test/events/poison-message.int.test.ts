import { createEnvelope } from '@emporium/contracts/events/envelope';
import amqplib from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRuntime } from '../../src/events/event-runtime.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createEventTestEnv, type EventTestEnv, modes, waitFor } from './support/event-test-env.js';
import { effectCounts, subscribeEffects } from './support/scenario.js';
import { amountDeposited } from './support/test-events.js';

describe.each(modes)('poison messages on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  let consumer: EventRuntime;
  const metrics = createMetrics('analytics');
  let handlerCalls = 0;

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    consumer = env.createRuntime({ service: 'analytics', bus: env.createBus(), metrics });
    subscribeEffects(consumer, {
      maxAttempts: 5,
      retryDelaysMs: [100],
      beforeEffect: () => {
        handlerCalls += 1;
      },
    });
    await consumer.start();
    env.broker?.open();
  });

  afterAll(async () => {
    await consumer?.close();
    await env?.cleanup();
  });

  /** Sends what a buggy or hostile producer might: bypassing `createEnvelope`'s checks. */
  async function sendRaw(messages: Array<string | object>) {
    if (env.broker) {
      for (const message of messages) await env.broker.publish(message as never);
      return;
    }
    const connection = await amqplib.connect(env.amqpUrl!);
    const channel = await connection.createConfirmChannel();
    for (const message of messages) {
      const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message));
      channel.publish(`${env.prefix}emporium.events`, 'account.deposited', body, { persistent: true });
    }
    await channel.waitForConfirms();
    await connection.close();
  }

  it('dead-letters a message that fails validation at once, without retries or handler calls', async () => {
    const valid = createEnvelope(amountDeposited, { subject: 'p-1', data: { accountId: 'p-1', amount: 1 } });
    const offContract = {
      ...valid,
      id: '01890000-0000-7000-8000-000000000001',
      data: { accountId: 'p-1', amount: -5 },
    };
    const wrongVersion = { ...valid, id: '01890000-0000-7000-8000-000000000002', dataversion: 2 };
    await sendRaw([
      offContract,
      wrongVersion,
      ...(mode === 'real' ? ['this is not json', { type: 'account.deposited', hello: 'world' }] : []),
    ]);
    const expected = mode === 'real' ? 4 : 2;

    const page = await waitFor(
      () => consumer.deadLetters.list({ limit: 10 }),
      (p) => p.items.length === expected,
      { timeoutMs: 10_000, what: 'the poison messages in the dead letters' },
    );
    for (const deadLetter of page.items) {
      expect(deadLetter.reason).toBe('poison');
      expect(deadLetter.attempts).toBe(1);
    }
    const errors = page.items.map((d) => d.error).join('\n');
    expect(errors).toMatch(/data\/amount/);
    expect(errors).toMatch(/version 2 is not the supported 1/);
    if (mode === 'real') {
      expect(errors).toMatch(/not JSON/);
      expect(page.items.some((d) => d.payload === 'this is not json')).toBe(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handlerCalls).toBe(0);
    expect((await effectCounts(env)).total).toBe(0);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(new RegExp(`events_dead_lettered_total\\{[^}]*reason="poison"[^}]*\\} ${expected}`));
    expect(text).not.toMatch(/event_retries_total\{/);
  });
});
