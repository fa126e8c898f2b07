/**
 * Delay before the next attempt of a message that failed `attempts` times:
 * the base doubles on each attempt up to `maxMs`, with up to 20 % random
 * spread so many messages failing together do not retry in lockstep.
 */
export function retryDelayMs(
  attempts: number,
  settings: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exponential = settings.baseMs * 2 ** Math.max(0, attempts - 1);
  const capped = Math.min(settings.maxMs, exponential);
  return Math.round(capped * (1 - 0.2 * random()));
}
