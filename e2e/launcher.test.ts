import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import { architectureServices } from '@emporium/platform/testing/architecture';
import type { Json } from '@emporium/platform/testing/http';
import { afterAll, describe, expect, it } from 'vitest';
import { launch, waitFor } from './src/launch.js';

const dataDir = mkdtempSync(join(tmpdir(), 'emporium-e2e-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Json };
};

async function startAndWait(args: string[], port: number) {
  const launched = launch(args, { PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false' });
  await waitFor('the banner', () => launched.output().includes('Emporium is running'), 90_000).catch(
    (error) => {
      launched.child.kill('SIGKILL');
      throw new Error(`${error.message}\n${launched.output()}`);
    },
  );
  return launched;
}

async function stop(launched: ReturnType<typeof launch>) {
  launched.child.kill('SIGINT');
  return launched.exited;
}

describe('npm start (the embedded launcher)', () => {
  it('brings all twelve services up behind the gateway, keeps data across a restart, and leaves nothing running', async () => {
    const port = await freePort();
    const first = await startAndWait([], port);
    // The console shows progress and the banner, not every service's info logs (LOG_LEVEL is warn).
    expect(first.output()).not.toMatch(/"level":"info"/);
    const ready = await json(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.services.map((s: { name: string }) => s.name).sort()).toEqual(architectureServices);
    const account = { email: 'kept@example.com', password: 'a long enough passphrase', name: 'Kept' };
    const register = () =>
      json(`http://127.0.0.1:${port}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
    expect((await register()).status).toBe(201);
    expect(await stop(first)).toBe(0);
    // Nothing listens any more: the whole platform was one process and it has ended.
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

    const second = await startAndWait([], port);
    // The account survived the restart: registering it again is refused.
    const again = await register();
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
    expect(await stop(second)).toBe(0);
  });

  it('--ephemeral keeps nothing on disk', async () => {
    const port = await freePort();
    const ephemeralDir = join(dataDir, 'ephemeral');
    const launched = launch(['--ephemeral'], {
      PORT: String(port),
      DATA_DIR: ephemeralDir,
      SEED_DEMO: 'false',
    });
    await waitFor('the banner', () => launched.output().includes('Emporium is running'), 90_000);
    expect(await stop(launched)).toBe(0);
    expect(existsSync(ephemeralDir) ? readdirSync(ephemeralDir) : []).toEqual([]);
  });

  it('reports every invalid setting and exits 1', async () => {
    const launched = launch([], { PORT: 'not-a-port', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
    expect(await launched.exited).toBe(1);
    expect(launched.output()).toMatch(/PORT/);
    expect(launched.output()).toMatch(/LOG_LEVEL/);
  });
});
