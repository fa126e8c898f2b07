import type { LiveConfig } from '@emporium/platform/config/live-config';
import type { Logger } from '@emporium/platform/log/logger';
import type { InventorySettings } from '../use-cases/deps.js';

/** A pushed threshold, or undefined when it is not a usable one (the caller keeps what it has). */
export function thresholdFrom(value: unknown): number | undefined {
  const threshold = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof threshold === 'number' &&
    Number.isInteger(threshold) &&
    threshold >= 0 &&
    threshold <= 10_000_000
    ? threshold
    : undefined;
}

/**
 * `runtime.lowStockThreshold` from the config service becomes the default
 * threshold of new stock rows at once; when the key goes, the boot value
 * returns. Rows keep the threshold they were given.
 */
export function followLiveSettings(
  liveConfig: LiveConfig | undefined,
  settings: InventorySettings,
  logger: Logger,
): void {
  const boot = settings.defaultLowStockThreshold;
  liveConfig?.onChange('lowStockThreshold', (value) => {
    const threshold = value === undefined ? boot : thresholdFrom(value);
    if (threshold === undefined) {
      logger.warn({ lowStockThreshold: value }, 'live config: low-stock threshold ignored');
      return;
    }
    settings.defaultLowStockThreshold = threshold;
    logger.info({ lowStockThreshold: threshold }, 'default low-stock threshold changed');
  });
}
