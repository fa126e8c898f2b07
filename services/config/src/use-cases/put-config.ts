import type { RequestContext } from '@emporium/platform/http/request-context';
import { appendVersion, type DocumentKey, latestDocument } from '../db/documents.repo.js';
import { type ConfigDocument, contentOf, type Settings } from '../domain/document.js';
import { configErrors } from '../domain/errors.js';
import type { ConfigDeps } from './deps.js';
import { assertNoPlaintextSecrets } from './validate-document.js';

export interface PutConfigInput extends DocumentKey {
  settings: Settings;
  runtime: Settings;
  comment?: string | undefined;
  /** From `If-Match`: the version the writer last read; `'*'`: any existing version; undefined: no condition. */
  ifMatch?: number | '*' | undefined;
  createdBy: string;
}

/**
 * Writes a new version and pushes it to every subscribed instance. With
 * `If-Match`, a writer that read an older version gets 412 instead of
 * silently overwriting someone else's change.
 */
export async function putConfig(
  deps: ConfigDeps,
  ctx: RequestContext,
  input: PutConfigInput,
): Promise<ConfigDocument> {
  const content = contentOf(input.settings, input.runtime);
  assertNoPlaintextSecrets(content);
  // Without a condition, a writer that loses a race to a concurrent one simply tries on top of it.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const latest = (await latestDocument(deps.db, input))?.version ?? 0;
    if (input.ifMatch === '*' ? latest === 0 : input.ifMatch !== undefined && input.ifMatch !== latest) {
      throw configErrors.VERSION_MISMATCH(`the latest version is ${latest}`, { currentVersion: latest });
    }
    const written = await appendVersion(deps.db, input, {
      content,
      createdBy: input.createdBy,
      comment: input.comment ?? null,
      expectedVersion: latest,
    });
    if (written) {
      ctx.logger.info(
        { configService: written.service, profile: written.profile, version: written.version },
        'config version written',
      );
      deps.changes.publish(written);
      return written;
    }
    if (input.ifMatch !== undefined) break;
  }
  const latest = (await latestDocument(deps.db, input))?.version ?? 0;
  throw configErrors.VERSION_MISMATCH(`the latest version is ${latest}`, { currentVersion: latest });
}
