import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { type ApiKeyRecord, listApiKeys as selectApiKeys } from '../db/api-keys.repo.js';
import type { UserDeps } from './deps.js';

/** Newest keys first, paged by `(createdAt, id)`; revoked ones included (with `revokedAt`). */
export async function listApiKeys(
  deps: UserDeps,
  input: { limit: number; cursor?: string | undefined },
): Promise<Page<ApiKeyRecord>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectApiKeys(deps.db, { after, take: input.limit + 1 });
  return pageFromRows(rows, input.limit, (key) => [key.createdAt.toISOString(), key.id]);
}
