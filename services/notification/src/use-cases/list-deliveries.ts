import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { type DeliveryRow, listDeliveries as listDeliveryRows } from '../db/deliveries.repo.js';
import type { Category, Channel, DeliveryStatus } from '../domain/channels.js';
import type { NotificationDeps } from './deps.js';

export interface DeliveryView {
  id: string;
  channel: Channel;
  recipient: string;
  template: string;
  category: Category;
  locale: string;
  subject: string | null;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  eventId: string | null;
  userId: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

/** A log entry as clients see it: what went where and how it went, never the message body. */
export function toDeliveryView({ content: _content, ...row }: DeliveryRow): DeliveryView {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The delivery log, newest first, one keyset page at a time; `userId` narrows it to one person's messages. */
export async function listDeliveries(
  deps: Pick<NotificationDeps, 'db'>,
  input: {
    channel?: Channel | undefined;
    status?: DeliveryStatus | undefined;
    userId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<DeliveryView>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await listDeliveryRows(deps.db, {
    channel: input.channel,
    status: input.status,
    userId: input.userId,
    after: after ? { createdAt: after[0], id: after[1] } : undefined,
    limit: input.limit + 1,
  });
  const views = rows.map(toDeliveryView);
  return pageFromRows(views, input.limit, (view) => [view.createdAt, view.id]);
}
