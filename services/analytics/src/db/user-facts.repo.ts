import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { factUsers } from './schema.js';

export interface UserFactPatch {
  userId: string;
  registeredAt?: Date | undefined;
  locale?: string | undefined;
  marketingOptIn?: boolean | undefined;
  deletedAt?: Date | undefined;
}

const ts = (value: Date | undefined) => (value === undefined ? null : value.toISOString());

/** Merges what a user event says; the first registration time and the first deletion stay. */
export async function mergeUser(tx: SqlExecutor, patch: UserFactPatch): Promise<void> {
  await tx.execute(sql`
    insert into ${factUsers} as u (user_id, registered_at, locale, marketing_opt_in, deleted_at)
    values (${patch.userId}, ${ts(patch.registeredAt)}, ${patch.locale ?? null},
      ${patch.marketingOptIn ?? null}, ${ts(patch.deletedAt)})
    on conflict (user_id) do update set
      registered_at = least(u.registered_at, excluded.registered_at),
      locale = coalesce(excluded.locale, u.locale),
      marketing_opt_in = coalesce(excluded.marketing_opt_in, u.marketing_opt_in),
      deleted_at = least(u.deleted_at, excluded.deleted_at)`);
}
