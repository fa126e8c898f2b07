import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { TrafficSnapshot } from '../domain/service-performance.js';
import type { AnalyticsDb } from './database.js';
import { metricScrapes } from './schema.js';

export type ScrapeRecord = { service: string; at: Date } & (
  | { ok: true; traffic: TrafficSnapshot }
  | { ok: false; error: string }
);

export async function recordScrape(db: AnalyticsDb, scrape: ScrapeRecord): Promise<void> {
  await db
    .insert(metricScrapes)
    .values({
      service: scrape.service,
      scrapedAt: scrape.at,
      ok: scrape.ok,
      error: scrape.ok ? null : scrape.error,
      requests: scrape.ok ? scrape.traffic.requests : 0,
      errors: scrape.ok ? scrape.traffic.errors : 0,
      buckets: scrape.ok ? scrape.traffic.buckets : [],
    })
    .onConflictDoNothing();
}

export async function pruneScrapes(db: AnalyticsDb, before: Date): Promise<void> {
  await db.delete(metricScrapes).where(lt(metricScrapes.scrapedAt, before));
}

export interface ServiceScrapes {
  latest: { at: Date; ok: boolean; error: string | null } | undefined;
  /** The earliest and latest successful scrapes since `since`. */
  earliestOk: TrafficSnapshot | undefined;
  latestOk: TrafficSnapshot | undefined;
}

const snapshotOf = (row: typeof metricScrapes.$inferSelect): TrafficSnapshot => ({
  at: row.scrapedAt,
  requests: row.requests,
  errors: row.errors,
  buckets: row.buckets,
});

export async function scrapesOf(db: AnalyticsDb, service: string, since: Date): Promise<ServiceScrapes> {
  const inWindow = and(eq(metricScrapes.service, service), gte(metricScrapes.scrapedAt, since));
  const okInWindow = and(inWindow, eq(metricScrapes.ok, true));
  const [latest] = await db
    .select()
    .from(metricScrapes)
    .where(inWindow)
    .orderBy(desc(metricScrapes.scrapedAt))
    .limit(1);
  const [first] = await db
    .select()
    .from(metricScrapes)
    .where(okInWindow)
    .orderBy(asc(metricScrapes.scrapedAt))
    .limit(1);
  const [last] = await db
    .select()
    .from(metricScrapes)
    .where(okInWindow)
    .orderBy(desc(metricScrapes.scrapedAt))
    .limit(1);
  return {
    latest: latest && { at: latest.scrapedAt, ok: latest.ok, error: latest.error },
    earliestOk: first && snapshotOf(first),
    latestOk: last && snapshotOf(last),
  };
}
