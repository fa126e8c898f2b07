import { decodeCursor, type Page, pageFromRows } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { type DocumentKey, documentVersions } from '../db/documents.repo.js';
import type { ConfigDocument } from '../domain/document.js';
import type { ConfigDeps } from './deps.js';

/** A page of history is keyed by the last (lowest) version it holds. */
const VersionPosition = Type.Integer({ minimum: 1 });

export async function listConfigVersions(
  deps: ConfigDeps,
  input: DocumentKey & { limit: number; cursor?: string | undefined },
): Promise<Page<ConfigDocument>> {
  const beforeVersion = input.cursor ? decodeCursor(VersionPosition, input.cursor) : undefined;
  const rows = await documentVersions(deps.db, input, { beforeVersion, limit: input.limit + 1 });
  return pageFromRows(rows, input.limit, (row) => row.version);
}
