import { createEnvelope } from '@emporium/contracts/events/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEvent, outboxChannelOf } from '../../src/events/enqueue-event.js';
import { createWakeup, type Wakeup } from '../../src/events/outbox-wakeup.js';
import { createEventTestEnv, type EventTestEnv, modes, silentLogger } from './support/event-test-env.js';
import { amountDeposited } from './support/test-events.js';
import { outbox } from './support/test-schema.js';

describe.each(modes)('waking the relay on %s infrastructure', (mode) => {
  let env: EventTestEnv;
  let wakeup: Wakeup;

  beforeAll(async () => {
    env = await createEventTestEnv(mode);
    wakeup = createWakeup({
      connection: env.pool.options,
      channel: outboxChannelOf(outbox),
      logger: silentLogger,
      probeTimeoutMs: 500,
    });
    // The first waits start LISTEN and its probe; give them time to settle.
    for (let i = 0; i < 20 && !wakeup.listening; i += 1) await wakeup.wait(100);
  });

  afterAll(async () => {
    await wakeup?.close();
    await env?.cleanup();
  });

  it(
    mode === 'real'
      ? 'listens on PostgreSQL and wakes at once when an event commits to an empty outbox'
      : 'falls back to polling on PGlite, whose socket never delivers notifications',
    async () => {
      expect(wakeup.listening).toBe(mode === 'real');
      const waited = (async () => {
        const started = Date.now();
        await wakeup.wait(5_000);
        return Date.now() - started;
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await env.db.transaction((tx) =>
        enqueueEvent(
          tx,
          outbox,
          createEnvelope(amountDeposited, { subject: 'w-1', data: { accountId: 'w-1', amount: 1 } }),
        ),
      );
      const elapsed = await waited;
      if (mode === 'real') expect(elapsed).toBeLessThan(1_500);
      else expect(elapsed).toBeGreaterThanOrEqual(4_900);
    },
  );
});
