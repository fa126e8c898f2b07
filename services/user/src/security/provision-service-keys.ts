import { ConfigError } from '@emporium/platform/config/load-config';
import type { UserDb } from '../db/database.js';
import { apiKeys } from '../db/schema.js';
import { parseProvisionedKeys } from '../domain/provisioned-keys.js';
import { sha256Hex } from '../domain/secret-token.js';

/**
 * Registers the provisioned API keys (domain/provisioned-keys.ts) at boot.
 * A key already registered keeps its row as it is: a revocation by an admin
 * stands until the operator provisions a new key. Returns how many were new.
 */
export async function provisionServiceKeys(db: UserDb, setting: string | undefined): Promise<number> {
  const parsed = parseProvisionedKeys(setting);
  if ('problems' in parsed) throw new ConfigError('user', parsed.problems);
  if (parsed.keys.length === 0) return 0;
  const inserted = await db
    .insert(apiKeys)
    .values(
      parsed.keys.map((key) => ({
        name: key.name,
        prefix: key.prefix,
        secretHash: sha256Hex(key.key),
        scopes: key.scopes,
        createdBy: null,
        expiresAt: null,
      })),
    )
    .onConflictDoNothing({ target: apiKeys.prefix })
    .returning({ id: apiKeys.id });
  return inserted.length;
}
