import { queueForModel, takeFromBacklog } from '../db/model-backlog.repo.js';
import { type RebuildReport, rebuildModel } from '../model/rebuild-model.js';
import { updateBehaviourNeighbours } from '../model/update-behaviour-neighbours.js';
import { updateContentNeighbours } from '../model/update-content-neighbours.js';
import type { RecommendationDeps } from '../use-cases/deps.js';

export interface ModelWorker {
  /** Drains the backlog now (tests, benchmarks); resolves with how many products were updated. */
  drain: () => Promise<number>;
  /** A full rebuild now. */
  rebuild: () => Promise<RebuildReport>;
  /** Stops the timers and waits for work in progress. */
  stop: () => Promise<void>;
}

const batch = 200;

/**
 * Keeps the neighbours current. Every `incrementalIntervalMs` it takes the
 * products queued by new behaviour and catalog changes off the backlog and
 * recomputes just their lists (a purchase shows in the answers within about
 * a second); every `rebuildIntervalMs` it rebuilds everything. One thing at
 * a time per replica; replicas take different backlog rows.
 */
export function startModelWorker(
  deps: RecommendationDeps,
  options: { incrementalIntervalMs: number; rebuildIntervalMs: number; rebuildAtStartDelayMs: number },
): ModelWorker {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  /** Runs one job after the previous one; a failure is logged, never thrown at the timer. */
  const serial = <T>(job: () => Promise<T>, fallback: T): Promise<T> => {
    const next = chain.then(job).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'recommendation model update failed');
      return fallback;
    });
    chain = next;
    return next;
  };

  const drainOnce = async (): Promise<number> => {
    let updated = 0;
    for (const [model, update] of [
      ['behaviour', updateBehaviourNeighbours],
      ['content', updateContentNeighbours],
    ] as const) {
      const productIds = await takeFromBacklog(deps.db, model, batch);
      if (productIds.length === 0) continue;
      try {
        await update(deps, productIds);
        updated += productIds.length;
      } catch (error) {
        await queueForModel(deps.db, model, productIds);
        throw error;
      }
    }
    return updated;
  };
  const drain = () =>
    serial(async () => {
      let total = 0;
      for (let n = await drainOnce(); n > 0; n = await drainOnce()) total += n;
      return total;
    }, 0);
  const rebuild = () =>
    serial(
      async () => {
        const report = await rebuildModel(deps);
        deps.logger.info(report, 'recommendation model rebuilt');
        return report;
      },
      { products: 0, ms: 0 },
    );

  const every = (ms: number, job: () => Promise<unknown>, firstMs = ms) => {
    const tick = (delay: number) => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void job().finally(() => tick(ms));
      }, delay);
      timer.unref();
      timers.add(timer);
    };
    tick(firstMs);
  };
  every(options.incrementalIntervalMs, drain);
  if (options.rebuildIntervalMs > 0) {
    const first =
      options.rebuildAtStartDelayMs >= 0 ? options.rebuildAtStartDelayMs : options.rebuildIntervalMs;
    every(options.rebuildIntervalMs, rebuild, first);
  } else if (options.rebuildAtStartDelayMs >= 0) {
    const timer = setTimeout(() => void rebuild(), options.rebuildAtStartDelayMs);
    timer.unref();
    timers.add(timer);
  }

  return {
    drain,
    rebuild,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await chain;
    },
  };
}
