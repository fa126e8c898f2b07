import { scrapesOf } from '../db/scrapes.repo.js';
import { performanceBetween, type ServicePerformance } from '../domain/service-performance.js';
import type { AnalyticsDeps } from './deps.js';

export interface ServiceSummary extends ServicePerformance {
  service: string;
  /** Whether the latest scrape in the window succeeded; null when none was made. */
  up: boolean | null;
  lastScrapedAt: string | null;
  lastError: string | null;
}

/** Request rate, error rate and p95 latency per watched service over the last `windowMinutes`. */
export async function getPerformance(
  deps: AnalyticsDeps,
  input: { windowMinutes: number },
): Promise<{ windowMinutes: number; services: ServiceSummary[] }> {
  const since = new Date(Date.now() - input.windowMinutes * 60_000);
  const services = await Promise.all(
    deps.performance.services.map(async (service): Promise<ServiceSummary> => {
      const scrapes = await scrapesOf(deps.db, service, since);
      const traffic = scrapes.latestOk
        ? performanceBetween(scrapes.earliestOk, scrapes.latestOk)
        : { requestsPerSecond: null, requests: 0, errorRate: 0, p95Ms: null };
      return {
        service,
        up: scrapes.latest ? scrapes.latest.ok : null,
        lastScrapedAt: scrapes.latest ? scrapes.latest.at.toISOString() : null,
        lastError: scrapes.latest?.error ?? null,
        ...traffic,
      };
    }),
  );
  return { windowMinutes: input.windowMinutes, services };
}
