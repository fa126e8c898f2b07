import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import type { Logger } from '../log/logger.js';
import { errorMessageOf } from './event-bus.js';
import type { EventMetrics } from './event-metrics.js';
import type { OutboxTable } from './event-tables.js';
import {
  type ClaimedEvent,
  claimOutboxBatch,
  markPublished,
  pruneOutbox,
  releaseClaims,
} from './outbox-store.js';
import type { Wakeup } from './outbox-wakeup.js';
import type { SqlExecutor } from './sql-executor.js';

export interface RelaySettings {
  batchSize: number;
  /** How long a claimed row stays this relay's before another may publish it. */
  leaseMs: number;
  /** The relay looks at the outbox at least this often, notification or not. */
  pollIntervalMs: number;
  /** After a round that published something, look again this soon (producers do not notify a busy relay). */
  busyPollMs: number;
  /** Delay before retrying a row the broker refused: base × 2^attempts, capped. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  retentionMs: number;
  pruneEveryMs: number;
  /** On stop, keep publishing what is ready for at most this long. */
  flushTimeoutMs: number;
}

export const defaultRelaySettings: RelaySettings = {
  batchSize: 200,
  leaseMs: 30_000,
  pollIntervalMs: 200,
  busyPollMs: 5,
  retryBaseDelayMs: 250,
  retryMaxDelayMs: 15_000,
  retentionMs: 7 * 24 * 3_600_000,
  pruneEveryMs: 10 * 60_000,
  flushTimeoutMs: 5_000,
};

export interface OutboxRelay {
  start: () => void;
  /** Stops looking, then flushes what is ready (bounded by `flushTimeoutMs`). */
  stop: () => Promise<void>;
  /** One claim-publish-mark round; returns how many events were published. */
  runOnce: () => Promise<number>;
}

/**
 * Publishes the outbox: claim a batch, publish each aggregate's events in
 * sequence (aggregates in parallel), mark the confirmed ones sent, give the
 * rest back with a growing delay. Nothing is lost when the broker is down:
 * rows stay unsent until a publish is confirmed.
 */
export function createOutboxRelay(options: {
  db: SqlExecutor;
  outbox: OutboxTable;
  publish: (envelope: AnyEnvelope) => Promise<void>;
  wakeup: Wakeup;
  logger: Logger;
  metrics?: EventMetrics | undefined;
  settings?: Partial<RelaySettings> | undefined;
}): OutboxRelay {
  const settings = { ...defaultRelaySettings, ...options.settings };
  const { db, outbox, logger } = options;
  let running = false;
  let loop: Promise<void> | undefined;
  let lastPrune = Date.now();

  async function publishAggregate(
    events: ClaimedEvent[],
    sent: number[],
    failed: number[],
    skipped: number[],
  ) {
    for (const [index, event] of events.entries()) {
      try {
        await options.publish(event.envelope);
        sent.push(event.id);
        options.metrics?.published.inc({ type: event.envelope.type });
      } catch (error) {
        failed.push(event.id);
        // Later events of this aggregate must not overtake the failed one.
        skipped.push(...events.slice(index + 1).map((e) => e.id));
        options.metrics?.publishFailures.inc({ type: event.envelope.type });
        throw error;
      }
    }
  }

  async function runOnce(): Promise<number> {
    const batch = await claimOutboxBatch(db, outbox, {
      limit: settings.batchSize,
      leaseMs: settings.leaseMs,
    });
    if (batch.length === 0) return 0;
    const byAggregate = new Map<string, ClaimedEvent[]>();
    for (const event of batch) {
      const list = byAggregate.get(event.aggregateId);
      if (list) list.push(event);
      else byAggregate.set(event.aggregateId, [event]);
    }
    const sent: number[] = [];
    const failed: number[] = [];
    const skipped: number[] = [];
    const results = await Promise.allSettled(
      [...byAggregate.values()].map((events) => publishAggregate(events, sent, failed, skipped)),
    );
    await markPublished(db, outbox, sent);
    const firstFailure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (firstFailure) {
      const error = errorMessageOf(firstFailure.reason);
      await releaseClaims(db, outbox, failed, {
        error,
        baseDelayMs: settings.retryBaseDelayMs,
        maxDelayMs: settings.retryMaxDelayMs,
      });
      await releaseClaims(db, outbox, skipped);
      logger.warn({ failed: failed.length, published: sent.length, error }, 'outbox publish failed');
    }
    return sent.length;
  }

  async function pruneIfDue() {
    if (Date.now() - lastPrune < settings.pruneEveryMs) return;
    lastPrune = Date.now();
    const pruned = await pruneOutbox(db, outbox, settings.retentionMs);
    if (pruned > 0) logger.info({ pruned }, 'outbox pruned');
  }

  async function run() {
    let errors = 0;
    while (running) {
      try {
        const published = await runOnce();
        errors = 0;
        await pruneIfDue();
        if (published >= settings.batchSize) continue;
        await options.wakeup.wait(published > 0 ? settings.busyPollMs : settings.pollIntervalMs);
      } catch (error) {
        errors += 1;
        logger.error({ err: error }, 'outbox relay round failed');
        await options.wakeup.wait(Math.min(settings.pollIntervalMs * 2 ** errors, settings.retryMaxDelayMs));
      }
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      if (!running) return;
      running = false;
      options.wakeup.wake();
      await loop;
      const deadline = Date.now() + settings.flushTimeoutMs;
      try {
        while (Date.now() < deadline && (await runOnce()) > 0) {}
      } catch (error) {
        logger.warn({ err: error }, 'outbox flush stopped early');
      }
    },
  };
}
