import { funnelCounts } from '../db/funnel.query.js';
import { type FunnelStage, funnelOf } from '../domain/funnel.js';
import { resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

export async function getFunnel(
  deps: AnalyticsDeps,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; steps: FunnelStage[] }> {
  const range = resolveRange(input, new Date());
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    steps: funnelOf(await funnelCounts(deps.db, range)),
  };
}
