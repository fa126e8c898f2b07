import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { prefixOf } from './api-key-format.js';
import { unknownPermissions } from './roles.js';

/**
 * API keys the operator provisions instead of creating through the admin
 * API: the credentials of Emporium's own services (the order service holds
 * stock and refunds as itself), kept in a secret and given both to the
 * service that uses the key and to the user service, which registers it at
 * boot. The embedded launcher generates them; Kubernetes mounts them.
 *
 * `SERVICE_API_KEYS`: a JSON array of `{ "name", "key", "scopes" }`.
 */
const ProvisionedKeys = Type.Array(
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 100 }),
      key: Type.String({ minLength: 1 }),
      scopes: Type.Array(Type.String(), { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
);

export interface ProvisionedKey {
  name: string;
  key: string;
  prefix: string;
  scopes: string[];
}

/** The keys, or the list of what is wrong with the setting (reported at boot, nothing half-applied). */
export function parseProvisionedKeys(
  value: string | undefined,
): { keys: ProvisionedKey[] } | { problems: string[] } {
  if (!value) return { keys: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { problems: ['SERVICE_API_KEYS: not JSON (a list of {"name","key","scopes"})'] };
  }
  if (!Value.Check(ProvisionedKeys, parsed)) {
    return { problems: ['SERVICE_API_KEYS: expected a list of {"name","key","scopes"}'] };
  }
  const problems: string[] = [];
  const keys: ProvisionedKey[] = [];
  for (const entry of parsed) {
    const prefix = prefixOf(entry.key);
    if (!prefix)
      problems.push(`SERVICE_API_KEYS: the key of "${entry.name}" is not an emp_<prefix>_<secret> key`);
    const unknown = unknownPermissions(entry.scopes);
    if (unknown.length > 0)
      problems.push(`SERVICE_API_KEYS: "${entry.name}" has unknown scopes ${unknown.join(', ')}`);
    if (prefix) keys.push({ ...entry, prefix, scopes: [...new Set(entry.scopes)].sort() });
  }
  return problems.length > 0 ? { problems } : { keys };
}
