import { pruneScrapes, recordScrape } from '../db/scrapes.repo.js';
import { parseTraffic } from '../domain/service-performance.js';
import type { AnalyticsDeps } from './deps.js';

const keepMs = 7 * 86_400_000;

/**
 * Reads every watched service's `/metrics` through discovery (one instance
 * each time, as the locator balances) and stores what it says, or why it
 * could not be read. No transaction spans the HTTP calls.
 */
export async function scrapeServices(deps: AnalyticsDeps): Promise<{ scraped: number; failed: number }> {
  const outcomes = await Promise.all(
    deps.performance.services.map(async (service) => {
      const at = new Date();
      try {
        const base = await deps.locator.resolve(service);
        const response = await fetch(`${base}/metrics`, {
          signal: AbortSignal.timeout(deps.performance.scrapeTimeoutMs),
        });
        if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
        const traffic = parseTraffic(await response.text(), at);
        await recordScrape(deps.db, { service, at, ok: true, traffic });
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await recordScrape(deps.db, { service, at, ok: false, error: message.slice(0, 500) });
        deps.logger.debug({ service, err: error }, 'metrics scrape failed');
        return false;
      }
    }),
  );
  await pruneScrapes(deps.db, new Date(Date.now() - keepMs));
  const scraped = outcomes.filter(Boolean).length;
  return { scraped, failed: outcomes.length - scraped };
}
