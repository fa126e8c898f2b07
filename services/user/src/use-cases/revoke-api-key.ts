import type { RequestContext } from '@emporium/platform/http/request-context';
import { type ApiKeyRecord, revokeApiKey as markRevoked } from '../db/api-keys.repo.js';
import { userErrors } from '../domain/errors.js';
import type { UserDeps } from './deps.js';

/** Revokes a key at once here; services that cached it stop accepting it within their cache time (30 s). */
export async function revokeApiKey(deps: UserDeps, ctx: RequestContext, id: string): Promise<ApiKeyRecord> {
  const record = await markRevoked(deps.db, id);
  if (!record) throw userErrors.API_KEY_NOT_FOUND();
  ctx.logger.info({ apiKeyId: id }, 'api key revoked');
  return record;
}
