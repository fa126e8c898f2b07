import { rateOf } from './cohorts.js';

export const funnelSteps = ['view', 'cart', 'checkout', 'paid'] as const;
export type FunnelStep = (typeof funnelSteps)[number];

export interface FunnelStage {
  step: FunnelStep;
  visitors: number;
  /** visitors / the previous step's visitors (1 for the first step). */
  conversionFromPrevious: number;
  /** visitors / the first step's visitors. */
  conversionFromStart: number;
}

/**
 * An open funnel: each step counts its own visitors in the range, so a
 * rate may exceed 1 when shoppers reach a step without a tracked earlier
 * one (a guest checking out without a tracked view).
 */
export function funnelOf(counts: Record<FunnelStep, number>): FunnelStage[] {
  const first = counts[funnelSteps[0]];
  return funnelSteps.map((step, index) => {
    const visitors = counts[step];
    const previous = index === 0 ? visitors : counts[funnelSteps[index - 1]!];
    return {
      step,
      visitors,
      conversionFromPrevious: index === 0 ? 1 : rateOf(visitors, previous),
      conversionFromStart: index === 0 ? 1 : rateOf(visitors, first),
    };
  });
}
