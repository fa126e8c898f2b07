import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listOutbox as listOutboxRows } from '../db/deliveries.repo.js';
import type { Channel, DeliveryStatus } from '../domain/channels.js';
import type { NotificationDeps } from './deps.js';

export interface DeliveryView {
  id: string;
  channel: Channel;
  recipient: string;
  template: string;
  locale: string;
  subject: string | null;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  eventId: string | null;
  userId: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** What was sent (or tried), newest first, one keyset page at a time. */
export async function listOutbox(
  deps: NotificationDeps,
  input: { channel?: Channel; status?: DeliveryStatus; limit: number; cursor?: string },
): Promise<Page<DeliveryView>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await listOutboxRows(deps.db, {
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(after ? { after: { createdAt: after[0], id: after[1] } } : {}),
    limit: input.limit + 1,
  });
  const views = rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  }));
  return pageFromRows(views, input.limit, (view) => [view.createdAt, view.id]);
}
