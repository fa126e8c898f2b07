import type { Logger } from '@emporium/platform/log/logger';
import { type ChannelSender, PermanentSendError } from '../channels/channel.js';
import type { NotificationExecutor } from '../db/database.js';
import {
  claimDueDeliveries,
  type DeliveryRow,
  markFailed,
  markRetry,
  markSent,
} from '../db/deliveries.repo.js';
import type { ChannelSwitches } from '../domain/channel-switches.js';
import type { Channel } from '../domain/channels.js';
import { retryDelayMs } from '../domain/retry-delay.js';

export interface DispatchSettings {
  batch: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  sendTimeoutMs: number;
}

export interface DispatchDeps {
  db: NotificationExecutor;
  logger: Logger;
  senders: Map<string, ChannelSender>;
  settings: DispatchSettings;
  /** Live switches (config service feature flags): messages of a channel switched off stay queued. */
  switches: ChannelSwitches;
}

export interface DispatchOutcome {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends one batch of due messages, after the transactions that queued them
 * committed and outside any transaction: claim (one statement), send each,
 * then record the outcome. A failure is retried with exponential backoff
 * until `maxAttempts`; a permanent one (bad address, gone subscription) is
 * marked failed at once.
 */
export async function dispatchDue(deps: DispatchDeps): Promise<DispatchOutcome> {
  const leaseMs = deps.settings.sendTimeoutMs * 2 + 5_000;
  const channels = [...deps.senders.keys()].filter(
    (channel) => deps.switches[channel as Channel],
  ) as Channel[];
  const claimed = await claimDueDeliveries(deps.db, { limit: deps.settings.batch, leaseMs, channels });
  const outcome: DispatchOutcome = { sent: 0, retried: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const result = await sendOne(deps, row);
      outcome[result] += 1;
    }),
  );
  return outcome;
}

async function sendOne(deps: DispatchDeps, row: DeliveryRow): Promise<keyof DispatchOutcome> {
  const log = deps.logger.child({ deliveryId: row.id, channel: row.channel, attempt: row.attempts });
  const sender = deps.senders.get(row.channel);
  try {
    if (!sender) throw new PermanentSendError(`no sender for channel ${row.channel}`);
    if (!row.content) throw new PermanentSendError('the message has no content (erased)');
    await sender.send({ id: row.id, recipient: row.recipient, content: row.content });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof PermanentSendError || row.attempts >= deps.settings.maxAttempts) {
      await markFailed(deps.db, row.id, reason);
      log.warn({ err: error }, 'delivery failed');
      return 'failed';
    }
    const delayMs = retryDelayMs(row.attempts, {
      baseMs: deps.settings.retryBaseMs,
      maxMs: deps.settings.retryMaxMs,
    });
    await markRetry(deps.db, row.id, reason, delayMs);
    log.info({ err: error, retryInMs: delayMs }, 'delivery will be retried');
    return 'retried';
  }
  await markSent(deps.db, row.id);
  log.debug('delivery sent');
  return 'sent';
}
