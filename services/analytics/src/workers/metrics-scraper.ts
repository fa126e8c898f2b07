import type { AnalyticsDeps } from '../use-cases/deps.js';
import { scrapeServices } from '../use-cases/scrape-services.js';

/** Scrapes the watched services every `intervalMs` (0: never; the on-demand route still works). */
export function startMetricsScraper(deps: AnalyticsDeps, intervalMs: number): { stop: () => Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = scrapeServices(deps).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'metrics scrape round failed'),
    );
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
