import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listMail } from '../db/mailbox.repo.js';
import type { NotificationDeps } from './deps.js';

export interface MailView {
  id: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  size: number;
  receivedAt: string;
}

/** What the embedded SMTP server received, newest first. */
export async function listMailbox(
  deps: Pick<NotificationDeps, 'db'>,
  input: { to?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<MailView>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await listMail(deps.db, {
    to: input.to,
    after: after ? { receivedAt: after[0], id: after[1] } : undefined,
    limit: input.limit + 1,
  });
  const views = rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }));
  return pageFromRows(views, input.limit, (view) => [view.receivedAt, view.id]);
}
