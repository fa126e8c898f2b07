import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, jwksFrom } from '../../src/auth/jwt-verifier.js';
import { createStaticLocator } from '../../src/discovery/static-locator.js';
import { registerDeadLetterRoutes } from '../../src/events/dead-letter.routes.js';
import type { EventBus } from '../../src/events/event-bus.js';
import type { EventRuntime } from '../../src/events/event-runtime.js';
import { createHttpApp, type HttpApp } from '../../src/http/create-http-app.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createTestIdentity, type TestIdentity } from '../../src/testing/test-identity.js';
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
  let identity: TestIdentity;
  /** An operator holding `dead-letters:manage` (the admin role has it). */
  let admin: { authorization: string };
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
    identity = await createTestIdentity();
    admin = await identity.bearer({ sub: 'operator', roles: ['admin'] });
    app = await createHttpApp({
      service: 'analytics',
      version: '0',
      logger: silentLogger,
      metrics,
      readiness: [],
      auth: {
        jwt: createJwtVerifier({
          issuer: 'emporium',
          audience: 'emporium-api',
          locator: createStaticLocator(new Map()),
          fetchJwks: jwksFrom(identity.jwksUrl),
        }),
      },
    });
    registerDeadLetterRoutes(app, consumer.deadLetters);
  });

  afterAll(async () => {
    await app?.close();
    await identity?.close();
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
      async () => (await app.inject({ method: 'GET', url: '/admin/dead-letters', headers: admin })).json(),
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
      headers: admin,
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
      headers: admin,
    });
    expect(replay.json()).toEqual({ replayed: 1 });
    await waitFor(
      () => effectCounts(env),
      (c) => c.total === 1,
      { what: 'the replayed event' },
    );
    expect(
      (await app.inject({ method: 'GET', url: '/admin/dead-letters', headers: admin })).json().items,
    ).toHaveLength(0);
    expect(attempts.get(envelope.id)).toHaveLength(4);
  });

  it('answers an unknown dead letter with a 404 problem', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/admin/dead-letters/999999/replay',
      headers: admin,
    });
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
  it('lets only callers holding dead-letters:manage list, inspect or replay', async () => {
    healthy = false;
    const envelope = createEnvelope(amountDeposited, {
      subject: 'retry-3',
      data: { accountId: 'retry-3', amount: 5 },
    });
    await publisher.publish(envelope);
    const deadLetter = await waitFor(
      async () =>
        (await consumer.deadLetters.list({ limit: 100 })).items.find((d) => d.eventId === envelope.id),
      (found) => found !== undefined,
      { timeoutMs: 10_000, what: 'the third dead letter' },
    );
    healthy = true;
    const effectsBefore = (await effectCounts(env)).total;
    const id = encodeURIComponent(deadLetter!.id);
    const routes = [
      { method: 'GET' as const, url: '/admin/dead-letters' },
      { method: 'GET' as const, url: `/admin/dead-letters/${id}` },
      { method: 'POST' as const, url: `/admin/dead-letters/${id}/replay` },
      { method: 'POST' as const, url: '/admin/dead-letters/replay-all', payload: {} },
    ];
    const stranger = await createTestIdentity();
    const callers = [
      { who: 'anonymous', headers: {}, status: 401, code: 'UNAUTHENTICATED' },
      {
        who: 'a token signed by another key',
        headers: await stranger.bearer({ sub: 'intruder', roles: ['admin'] }),
        status: 401,
        code: 'UNAUTHENTICATED',
      },
      {
        who: 'a customer',
        headers: await identity.bearer({ sub: 'customer-1' }),
        status: 403,
        code: 'FORBIDDEN',
      },
      {
        who: 'a catalog manager',
        headers: await identity.bearer({ sub: 'manager-1', roles: ['catalog_manager'] }),
        status: 403,
        code: 'FORBIDDEN',
      },
    ];
    await stranger.close();
    for (const caller of callers) {
      for (const route of routes) {
        const response = await app.inject({ ...route, headers: caller.headers });
        expect({ who: caller.who, ...route, status: response.statusCode }).toEqual({
          who: caller.who,
          ...route,
          status: caller.status,
        });
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.json().code).toBe(caller.code);
      }
    }
    // Nothing was replayed by the refused calls.
    expect((await consumer.deadLetters.list({ limit: 100 })).items.map((d) => d.eventId)).toContain(
      envelope.id,
    );
    expect((await effectCounts(env)).total).toBe(effectsBefore);

    const operator = await identity.bearer({ sub: 'operator-2', perms: ['dead-letters:manage'] });
    const listed = await app.inject({ method: 'GET', url: '/admin/dead-letters', headers: operator });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((d: { eventId: string }) => d.eventId)).toContain(envelope.id);
    const shown = await app.inject({ method: 'GET', url: `/admin/dead-letters/${id}`, headers: operator });
    expect(shown.statusCode).toBe(200);
    const replayed = await app.inject({
      method: 'POST',
      url: `/admin/dead-letters/${id}/replay`,
      headers: operator,
    });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toEqual({ replayed: 1 });
    await waitFor(
      () => effectCounts(env),
      (c) => c.total === effectsBefore + 1,
      { what: 'the event replayed by the operator' },
    );
  });
});
