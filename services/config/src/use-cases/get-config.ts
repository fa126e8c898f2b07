import { type DocumentKey, latestDocument } from '../db/documents.repo.js';
import type { ConfigDocument } from '../domain/document.js';
import { configErrors } from '../domain/errors.js';
import type { ConfigDeps } from './deps.js';

export async function getConfig(deps: ConfigDeps, key: DocumentKey): Promise<ConfigDocument> {
  const document = await latestDocument(deps.db, key);
  if (!document) {
    throw configErrors.DOCUMENT_NOT_FOUND(`no configuration for ${key.service} in profile ${key.profile}`);
  }
  return document;
}
