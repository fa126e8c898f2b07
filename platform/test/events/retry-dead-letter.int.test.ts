import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDeadLetterRoutes } from '../../src/events/dead-letter.routes.js';
import type { EventBus } from '../../src/events/event-bus.js';
import type { EventRuntime } from '../../src/events/event-runtime.js';
import { createHttpApp, type HttpApp } from '../../src/http/create-http-app.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import {
  createEventTestEnv,
  type EventTestEnv,
  modes,
  silentLogger,
  waitFor,
} from './support/event-test-env.js';
import { effectCounts, subscribeEffects } from './support/scenario.js';
import { amountDeposited } from './support/test-events.js';

const run = promisify(execFile);
const retryDelaysMs = [200, 800];

describe.each(modes)('retries and dead letters on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  let consumer: EventRuntime;
  let publisher: EventBus;
  let app: HttpApp;
  const metrics = createMetrics('analytics');
  const attempts = new Map<string, number[]>();
  let healthy = false;

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    consumer = env.createRuntime({ service: 'analytics', bus: env.createBus(), metrics });
    subscribeEffects(consumer, {
      maxAttempts: 3,
      retryDelaysMs,
      beforeEffect: (_attempt, eventId) => {
        attempts.set(eventId, [...(attempts.get(eventId) ?? []), Date.now()]);
        if (!healthy) throw new Error('downstream is down');
      },
    });
    await consumer.start();
    publisher = env.createBus();
    await publisher.start();
    env.broker?.open();
    app = await createHttpApp({
      service: 'analytics',
      version: '0',
      logger: silentLogger,
      metrics,
      readiness: [],
    });
    registerDeadLetterRoutes(app, consumer.deadLetters);
  });

  afterAll(async () => {
    await app?.close();
    await consumer?.close();
    await env?.cleanup();
  });

  it('retries a failing handler with growing delays, then dead-letters it; replay then succeeds', async () => {
    const envelope = createEnvelope(amountDeposited, {
      subject: 'retry-1',
      data: { accountId: 'retry-1', amount: 2 },
    });
    await publisher.publish(envelope);

    const list = await waitFor(
      async () => (await app.inject({ method: 'GET', url: '/admin/dead-letters' })).json(),
      (body) => body.items.length === 1,
      { timeoutMs: 10_000, what: 'the dead letter' },
    );
    const times = attempts.get(envelope.id)!;
    expect(times).toHaveLength(3);
    const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(retryDelaysMs[0]! - 20);
    expect(gaps[1]).toBeGreaterThanOrEqual(retryDelaysMs[1]! - 20);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    expect((await effectCounts(env)).total).toBe(0);

    const [deadLetter] = list.items;
    expect(deadLetter).toMatchObject({
      eventId: envelope.id,
      eventType: 'account.deposited',
      reason: 'exhausted',
      attempts: 3,
      error: expect.stringMatching(/downstream is down/),
    });
    expect(deadLetter.queue).toMatch(/analytics\.account\.deposited$/);
    expect(deadLetter.payload).toMatchObject({ id: envelope.id, data: { accountId: 'retry-1', amount: 2 } });
    const shown = await app.inject({
      method: 'GET',
      url: `/admin/dead-letters/${encodeURIComponent(deadLetter.id)}`,
    });
    expect(shown.json()).toMatchObject({ id: deadLetter.id, eventId: envelope.id });

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/event_retries_total\{[^}]*type="account.deposited"[^}]*\} 2/);
    expect(text).toMatch(/events_dead_lettered_total\{[^}]*reason="exhausted"[^}]*\} 1/);
    expect(text).toMatch(/event_dead_letters\{[^}]*queue="[^"]*analytics.account.deposited"[^}]*\} 1/);

    healthy = true;
    const replay = await app.inject({
      method: 'POST',
      url: `/admin/dead-letters/${encodeURIComponent(deadLetter.id)}/replay`,
    });
    expect(replay.json()).toEqual({ replayed: 1 });
    await waitFor(
      () => effectCounts(env),
      (c) => c.total === 1,
      { what: 'the replayed event' },
    );
    expect((await app.inject({ method: 'GET', url: '/admin/dead-letters' })).json().items).toHaveLength(0);
    expect(attempts.get(envelope.id)).toHaveLength(4);
  });

  it('answers an unknown dead letter with a 404 problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/admin/dead-letters/999999/replay' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('DEAD_LETTER_NOT_FOUND');
  });

  it('lists and replays dead letters from the command line', async () => {
    healthy = false;
    const envelope = createEnvelope(amountDeposited, {
      subject: 'retry-2',
      data: { accountId: 'retry-2', amount: 1 },
    });
    await publisher.publish(envelope);
    await waitFor(
      async () => (await consumer.deadLetters.list({ limit: 10 })).items,
      (items) => items.some((d) => d.eventId === envelope.id),
      { timeoutMs: 10_000, what: 'the second dead letter' },
    );
    const cli = ['tsx', '--conditions=source', 'platform/src/events/dead-letters-cli.ts'];
    const cliEnv =
      mode === 'real'
        ? { ...process.env, AMQP_URL: env.amqpUrl }
        : { ...process.env, AMQP_URL: '', DATABASE_URL: env.database.url };
    const backend =
      mode === 'real' ? ['--prefix', env.prefix] : ['--backend', 'db', '--schema', 'events_test'];
    const listed = await run('npx', [...cli, 'list', 'analytics.account.deposited', ...backend], {
      env: cliEnv,
      timeout: 30_000,
    });
    const page = JSON.parse(listed.stdout);
    expect(page.items.map((d: { eventId: string }) => d.eventId)).toContain(envelope.id);

    healthy = true;
    const replayed = await run('npx', [...cli, 'replay-all', 'analytics.account.deposited', ...backend], {
      env: cliEnv,
      timeout: 30_000,
    });
    expect(JSON.parse(replayed.stdout)).toEqual({ replayed: 1 });
    await waitFor(
      () => effectCounts(env),
      (c) => c.total === 2,
      { what: 'the event replayed from the CLI' },
    );
  }, 60_000);
});
