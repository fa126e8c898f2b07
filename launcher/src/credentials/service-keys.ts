import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateApiKey } from '@emporium/user/domain/api-key-format';

/**
 * The API keys Emporium's services use to call each other as themselves.
 * Only the order service needs one: it holds, commits and releases stock and
 * refunds payments for the checkout saga, outside any shopper's request.
 */
const serviceKeySpecs = [{ service: 'order', scopes: ['inventory:reserve', 'payments:refund'] }] as const;

interface ServiceKey {
  service: string;
  key: string;
  scopes: readonly string[];
}

/**
 * Generates the keys once and keeps them (mode 600) beside the data they
 * unlock, so a restart registers nothing new; in memory when `file` is
 * undefined (ephemeral). Returns the environment each service needs: the
 * user service registers every key (SERVICE_API_KEYS), the owner of a key
 * sends it (SERVICE_API_KEY).
 */
export function serviceKeyEnvironments(file: string | undefined): Map<string, Record<string, string>> {
  const saved = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ServiceKey[]) : [];
  const keys = serviceKeySpecs.map(
    (spec) =>
      saved.find((key) => key.service === spec.service) ?? {
        service: spec.service,
        key: generateApiKey().key,
        scopes: spec.scopes,
      },
  );
  if (file && keys.some((key) => !saved.includes(key))) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const environments = new Map<string, Record<string, string>>();
  environments.set('user', {
    SERVICE_API_KEYS: JSON.stringify(
      keys.map((key) => ({ name: `${key.service} service`, key: key.key, scopes: key.scopes })),
    ),
  });
  for (const key of keys) environments.set(key.service, { SERVICE_API_KEY: key.key });
  return environments;
}
