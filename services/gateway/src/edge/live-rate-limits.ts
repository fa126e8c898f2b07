import type { LiveConfig } from '@emporium/platform/config/live-config';
import type { Logger } from '@emporium/platform/log/logger';
import { liveRateLimits, type RateLimits } from './rate-limit-settings.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * Applies `runtime.rateLimits` from the config service as each version
 * arrives: the classes it names replace their boot limits, and removing the
 * key brings the boot limits back. A document that does not validate is
 * ignored whole (the limits in force stay), with a warning.
 */
export function followRateLimits(
  liveConfig: LiveConfig,
  limiter: RateLimiter,
  boot: RateLimits,
  logger: Logger,
): () => void {
  return liveConfig.onChange('rateLimits', (value) => {
    const next = liveRateLimits(boot, value);
    if (next.errors) {
      logger.warn({ errors: next.errors }, 'live rate limits ignored');
      return;
    }
    limiter.apply(next.limits);
    // As `RATE_LIMITS` spells them (a class named `apiKey` would be taken for a secret by the log redaction).
    const applied = Object.entries(next.limits).map(([name, l]) => `${name}=${l.limit}/${l.windowSeconds}s`);
    logger.info({ rateLimits: applied.join(',') }, 'rate limits applied');
  });
}
