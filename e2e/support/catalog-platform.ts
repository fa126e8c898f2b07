import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceKeyEnvironments } from '@emporium/launcher/credentials/service-keys';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@emporium/launcher/embedded/start-embedded';
import { httpClient } from '@emporium/platform/testing/http';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import pg from 'pg';

export type Send = ReturnType<typeof httpClient>;

export interface CatalogPlatform {
  platform: EmbeddedPlatform;
  /** A catalog manager's and a customer's signed tokens, and nobody's. */
  admin: Send;
  customer: Send;
  anonymous: Send;
  /** Any other caller, signed by the suite's identity. */
  as: (claims: { sub: string; roles?: string[]; perms?: string[] }) => Promise<Send>;
  /** The order service's own API key (`inventory:reserve`), as the launcher provisions it. */
  orderServiceKey: string;
  /** The platform's database (PGlite on a loopback socket): to read outboxes. */
  database: pg.Client;
  stop: () => Promise<void>;
}

/**
 * The embedded platform (`npm start`: one process, one PGlite, the
 * in-process broker, every service behind the gateway), started once per
 * test file. Callers are signed by a test identity every service trusts
 * (JWKS_URL) in place of the user service's tokens; the order service's
 * API key is provisioned as the launcher does it.
 */
export async function startCatalogPlatform(): Promise<CatalogPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emporium-e2e-catalog-'));
  const identity: TestIdentity = await createTestIdentity();
  const serviceEnv = serviceKeyEnvironments(undefined);
  let platform: EmbeddedPlatform | undefined;
  let database: pg.Client | undefined;
  const stop = async () => {
    await database?.end().catch(() => {});
    await platform?.stop();
    await identity.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    platform = await startEmbeddedPlatform({
      ephemeral: true,
      dataDir,
      gatewayPort: 0,
      logLevel: 'silent',
      // Live config off: the development profile's runtime.logLevel would turn the logs back on.
      // Rate limits off: a test file is one client sending bursts.
      baseEnv: { JWKS_URL: identity.jwksUrl, LIVE_CONFIG: 'false', RATE_LIMITING: 'false' },
      serviceEnv,
      onProgress: () => {},
    });
    database = new pg.Client({ connectionString: platform.databaseUrl });
    await database.connect();
    const url = platform.gatewayUrl;
    const as = async (claims: { sub: string; roles?: string[]; perms?: string[] }) =>
      httpClient(url, await identity.bearer(claims));
    return {
      platform,
      admin: await as({ sub: 'admin-e2e', roles: ['admin'] }),
      customer: await as({ sub: 'customer-e2e', roles: ['customer'] }),
      anonymous: httpClient(url),
      as,
      orderServiceKey: serviceEnv.get('order')!.SERVICE_API_KEY!,
      database,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Polls `probe` until `done` holds for what it returned, or `timeoutMs`
 * passes; returns the last value and the time it took from `since`.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs: number; since?: number; intervalMs?: number },
): Promise<{ value: T; elapsedMs: number; met: boolean }> {
  const since = options.since ?? performance.now();
  const deadline = since + options.timeoutMs;
  for (;;) {
    const value = await probe();
    const elapsedMs = performance.now() - since;
    if (done(value)) return { value, elapsedMs, met: true };
    if (performance.now() >= deadline) return { value, elapsedMs, met: false };
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
