import { type ChildProcess, spawn } from 'node:child_process';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEvent } from '../../src/events/enqueue-event.js';
import { defaultSubscribeOptions } from '../../src/events/event-runtime.js';
import { topologyOf } from '../../src/events/rabbitmq-topology.js';
import { countOf, createEventTestEnv, type EventTestEnv, modes, waitFor } from './support/event-test-env.js';
import { effectCounts } from './support/scenario.js';
import { amountDeposited } from './support/test-events.js';
import { outbox } from './support/test-schema.js';

const fixture = new URL('./fixtures/consumer-process.ts', import.meta.url).pathname;
const total = 300;

describe.each(modes)('a consumer killed mid-batch on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  const children: ChildProcess[] = [];

  function startChild(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', fixture], {
      env: {
        ...process.env,
        DATABASE_URL: env.database.url,
        AMQP_URL: env.amqpUrl ?? '',
        NAME_PREFIX: env.prefix,
        // Slow enough that the kill lands mid-batch (PGlite already runs one transaction at a time).
        HANDLER_DELAY_MS: mode === 'real' ? '40' : '10',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumer did not start: ${stderr}`)), 30_000);
      child.stdout!.on('data', (chunk) => {
        if (String(chunk).includes('ready')) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`consumer exited with ${code}: ${stderr}`));
      });
    });
  }

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    // The children's buses declare these; the parent removes them from the shared broker afterwards.
    const topology = topologyOf(env.prefix);
    const queue = topology.queue('analytics', amountDeposited.type);
    env.track([
      topology.exchange,
      queue,
      topology.deadLetterQueue(queue),
      ...defaultSubscribeOptions.retryDelaysMs.map((delay) => topology.retryQueue(queue, delay)),
    ]);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await env?.cleanup();
  });

  it(`loses nothing of ${total} events when the process dies with SIGKILL and restarts`, async () => {
    await env.db.transaction(async (tx) => {
      for (let i = 0; i < total; i += 1) {
        const envelope = createEnvelope(amountDeposited, {
          subject: `crash-${i % 20}`,
          data: { accountId: `crash-${i % 20}`, amount: 1 },
        });
        await enqueueEvent(tx, outbox, envelope);
      }
    });

    const first = await startChild();
    const before = await waitFor(
      () => effectCounts(env),
      (c) => c.total >= 60,
      {
        timeoutMs: 30_000,
        what: 'the consumer to get going',
      },
    );
    first.removeAllListeners('exit');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await effectCounts(env);
    expect(atKill.total).toBeLessThan(total);
    expect(before.total).toBeGreaterThanOrEqual(60);

    await startChild();
    const after = await waitFor(
      () => effectCounts(env),
      (c) => c.total >= total,
      {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: 'every event after the restart',
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await effectCounts(env)).toEqual({ total, distinct: total });
    expect(after.distinct).toBe(after.total);
    await waitFor(
      () => countOf(env.pool, 'select count(*) as n from events_test.outbox where published_at is null'),
      (n) => n === 0,
      { what: 'the outbox to drain' },
    );
  }, 120_000);
});
