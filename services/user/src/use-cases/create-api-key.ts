import type { Principal } from '@emporium/platform/auth/principal';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { type ApiKeyRecord, insertApiKey } from '../db/api-keys.repo.js';
import { generateApiKey } from '../domain/api-key-format.js';
import { userErrors } from '../domain/errors.js';
import { permissionsBeyond, unknownPermissions } from '../domain/roles.js';
import type { UserDeps } from './deps.js';

/**
 * Creates an API key with scopes (permissions from the platform list, each
 * held by the creator). The key is returned once, here; only its prefix and
 * hash are kept.
 */
export async function createApiKey(
  deps: UserDeps,
  ctx: RequestContext,
  caller: Principal,
  input: { name: string; scopes: string[]; expiresInDays?: number | undefined },
): Promise<{ record: ApiKeyRecord; key: string }> {
  const unknown = unknownPermissions(input.scopes);
  if (unknown.length > 0) throw userErrors.UNKNOWN_PERMISSION(`unknown scopes: ${unknown.join(', ')}`);
  const beyond = permissionsBeyond(caller.permissions, input.scopes);
  if (beyond.length > 0) throw userErrors.GRANT_BEYOND_OWN(`you do not hold: ${beyond.join(', ')}`);
  const generated = generateApiKey();
  const record = await insertApiKey(deps.db, {
    name: input.name,
    prefix: generated.prefix,
    secretHash: generated.secretHash,
    scopes: [...new Set(input.scopes)].sort(),
    createdBy: caller.kind === 'user' ? caller.subject : null,
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
  });
  ctx.logger.info({ apiKeyId: record.id, scopes: record.scopes, by: caller.subject }, 'api key created');
  return { record, key: generated.key };
}
