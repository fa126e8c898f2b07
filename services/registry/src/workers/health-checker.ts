import type { Logger } from '@emporium/platform/log/logger';
import type { Counter } from '@emporium/platform/metrics/business-counter';
import type { RegistryDb } from '../db/database.js';
import { claimDueChecks, type DueCheck, recordCheckFailed, recordCheckPassed } from '../db/instances.repo.js';
import type { LeaseClock } from '../domain/lease-clock.js';
import { type PeriodicTask, startPeriodicTask } from './periodic-task.js';

export interface HealthCheckerSettings {
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive failures that mark an instance down. */
  failureThreshold: number;
}

const batchSize = 64;

/**
 * Asks each registered instance's `/health/ready` once per interval: a 200
 * marks it up, `failureThreshold` failures in a row mark it down (a process
 * that still heartbeats but cannot serve, e.g. its database is gone). Replicas
 * of the registry split the work through `claimDueChecks`.
 */
export function startHealthChecker(
  deps: { db: RegistryDb; logger: Logger; checks: Counter<'result'>; leaseClock: LeaseClock },
  settings: HealthCheckerSettings,
): PeriodicTask {
  async function checkOne(instance: DueCheck): Promise<void> {
    const failure = await probe(instance.url, settings.timeoutMs);
    const fields = { instanceId: instance.id, instanceService: instance.service, instanceUrl: instance.url };
    if (failure === undefined) {
      deps.checks.inc({ result: 'passed' });
      if ((await recordCheckPassed(deps.db, instance.id)) && instance.status !== 'up') {
        deps.logger.info({ ...fields, was: instance.status }, 'instance up');
      }
      return;
    }
    deps.checks.inc({ result: 'failed' });
    const after = await recordCheckFailed(deps.db, instance.id, failure, settings.failureThreshold);
    if (after?.status === 'down' && instance.status !== 'down') {
      deps.logger.warn({ ...fields, failures: after.checkFailures, error: failure }, 'instance down');
    }
  }

  // Ticks a few times per interval; only instances actually due are claimed.
  return startPeriodicTask(
    'health-checker',
    Math.max(50, Math.floor(settings.intervalMs / 4)),
    async () => {
      let due: DueCheck[];
      do {
        due = await claimDueChecks(deps.db, settings.intervalMs, batchSize, deps.leaseClock.since());
        await Promise.all(due.map(checkOne));
      } while (due.length === batchSize);
    },
    deps.logger,
  );
}

/** undefined when ready, otherwise why not. */
async function probe(baseUrl: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl}/health/ready`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    await response.body?.cancel();
    return response.status === 200 ? undefined : `/health/ready answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return (error as Error).name === 'TimeoutError'
      ? `no answer within ${timeoutMs} ms`
      : `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
  }
}
