import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { searchErrors } from '../domain/errors.js';
import type { SearchDeps } from '../use-cases/deps.js';
import { getSearchAnalytics } from '../use-cases/get-search-analytics.js';
import { getSynonyms, replaceSynonyms } from '../use-cases/manage-synonyms.js';
import type { ReindexRunner } from '../use-cases/reindex-runner.js';
import {
  AnalyticsQuery,
  AnalyticsResponse,
  ReindexQuery,
  ReindexReport,
  ReindexStatus,
  Synonyms,
} from './admin-schemas.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The shop's staff: analytics (`search:analytics`), synonyms and reindexing (`search:manage`). */
export function searchAdminRoutes(app: HttpApp, deps: SearchDeps, reindex: ReindexRunner): void {
  app.get(
    '/api/v1/search/analytics',
    {
      preHandler: requirePermission('search:analytics'),
      schema: { tags: ['search admin'], querystring: AnalyticsQuery, response: { 200: AnalyticsResponse } },
    },
    async (request) => {
      const report = await getSearchAnalytics(deps, request.query);
      return { ...report, from: report.from.toISOString(), to: report.to.toISOString() };
    },
  );

  app.get(
    '/api/v1/search/synonyms',
    {
      preHandler: requirePermission('search:manage'),
      schema: { tags: ['search admin'], response: { 200: Synonyms } },
    },
    async () => ({ rules: await getSynonyms(deps) }),
  );

  app.put(
    '/api/v1/search/synonyms',
    {
      preHandler: requirePermission('search:manage'),
      schema: { tags: ['search admin'], body: Synonyms, response: { 200: Synonyms } },
    },
    async (request) => ({ rules: await replaceSynonyms(deps, request.ctx, request.body.rules) }),
  );

  app.post(
    '/api/v1/search/reindex',
    {
      preHandler: requirePermission('search:manage'),
      schema: {
        tags: ['search admin'],
        querystring: ReindexQuery,
        response: { 200: ReindexReport, 202: ReindexStatus },
      },
    },
    async (request, reply) => {
      if (reindex.status().running) throw searchErrors.REINDEX_RUNNING();
      const done = reindex.start(request.ctx);
      if (request.query.wait) return done;
      // The rebuild outlives the request: its outcome is logged, and shown by GET.
      done.catch((error: unknown) => request.ctx.logger.warn({ err: error }, 'reindex failed'));
      return reply.code(202).send(statusView(reindex));
    },
  );

  app.get(
    '/api/v1/search/reindex',
    {
      preHandler: requirePermission('search:manage'),
      schema: { tags: ['search admin'], response: { 200: ReindexStatus } },
    },
    async () => statusView(reindex),
  );
}

function statusView(reindex: ReindexRunner) {
  const { running, last } = reindex.status();
  return {
    running,
    last: last && {
      startedAt: last.startedAt.toISOString(),
      finishedAt: iso(last.finishedAt),
      report: last.report,
      error: last.error,
    },
  };
}
