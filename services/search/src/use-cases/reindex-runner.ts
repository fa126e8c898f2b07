import type { RequestContext } from '@emporium/platform/http/request-context';
import { searchErrors } from '../domain/errors.js';
import type { SearchDeps } from './deps.js';
import { type ReindexReport, reindexCatalog } from './reindex-catalog.js';

export interface ReindexRun {
  startedAt: Date;
  finishedAt: Date | null;
  report: ReindexReport | null;
  error: string | null;
}

export interface ReindexRunner {
  /** Starts a rebuild; the promise settles when it is done. Refused while one runs. */
  start: (ctx: RequestContext | undefined) => Promise<ReindexReport>;
  status: () => { running: boolean; last: ReindexRun | null };
}

/**
 * Runs rebuilds for the admin route: one at a time per instance (the index
 * itself refuses a second one across instances), remembering the last.
 */
export function createReindexRunner(deps: SearchDeps): ReindexRunner {
  let running = false;
  let last: ReindexRun | null = null;
  return {
    async start(ctx) {
      if (running) throw searchErrors.REINDEX_RUNNING();
      running = true;
      const run: ReindexRun = { startedAt: new Date(), finishedAt: null, report: null, error: null };
      last = run;
      try {
        run.report = await reindexCatalog(deps, ctx);
        return run.report;
      } catch (error) {
        run.error = (error as Error).message;
        throw error;
      } finally {
        run.finishedAt = new Date();
        running = false;
      }
    },
    status: () => ({ running, last }),
  };
}
