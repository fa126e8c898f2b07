import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, freePortRun } from '@emporium/platform/db/embedded-postgres';
import { architectureServices } from '@emporium/platform/testing/architecture';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing/test-database';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * `npm run start:distributed` as an operator runs it: twelve processes, one
 * per service, against the real PostgreSQL, RabbitMQ and Redis of this
 * machine, finding each other through the registry. Only where those servers
 * are (`DATABASE_URL`, `REDIS_URL`, `AMQP_URL`: CI's integration step); the
 * platform gets a database, an event namespace and a mail relay of its own.
 */
const { DATABASE_URL, REDIS_URL, AMQP_URL } = process.env;
const root = fileURLToPath(new URL('../..', import.meta.url));

describe.skipIf(!DATABASE_URL || !REDIS_URL || !AMQP_URL)('npm run start:distributed', () => {
  let database: TestDatabase | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'emporium-distributed-'));
  const mail: Array<{ to: string[]; subject: string }> = [];
  const relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        mail.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? '' });
        callback();
      }, callback);
    },
  });
  let launcher: ChildProcess | undefined;
  let output = '';
  let gateway = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => relay.listen(smtpPort, '127.0.0.1', resolve));
    // The launcher puts service N at PORT + N.
    const port = await freePortRun(architectureServices.length);
    gateway = `http://127.0.0.1:${port}`;
    launcher = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'launcher/src/distributed.ts'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PORT: String(port),
          DATABASE_URL: database.url,
          REDIS_URL: REDIS_URL ?? '',
          AMQP_URL: AMQP_URL ?? '',
          ...testEventSettings(`distributed-${randomUUID().slice(0, 8)}.`),
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    launcher.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    launcher.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    await vi
      .waitFor(
        () => {
          if (!output.includes('all services ready')) throw new Error('not every service is ready yet');
        },
        { timeout: 150_000, interval: 250 },
      )
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${output.slice(-4000)}`);
      });
  }, 180_000);

  afterAll(async () => {
    if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
    await new Promise<void>((resolve) => relay.close(() => resolve()));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs each of the twelve services in a process of its own, all ready behind the gateway', async () => {
    const ready = await fetch(`${gateway}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { services: Array<{ name: string; status: string }> };
    expect(body.services.map((s) => s.name).sort()).toEqual(architectureServices);
    expect(body.services.every((s) => s.status === 'up')).toBe(true);
    const pids = processIds(output);
    expect([...pids.keys()].sort()).toEqual(architectureServices);
    expect(new Set(pids.values()).size).toBe(architectureServices.length);
    for (const pid of pids.values()) {
      expect(pid).not.toBe(launcher?.pid);
      expect(isAlive(pid)).toBe(true);
    }
  });

  it('takes a registration through the gateway to PostgreSQL, and its event over RabbitMQ to an email', async () => {
    const email = `distributed-${randomUUID().slice(0, 8)}@example.com`;
    const registered = await fetch(`${gateway}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough passphrase', name: 'Dana' }),
    });
    expect(registered.status).toBe(201);
    const login = await fetch(`${gateway}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough passphrase' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${gateway}/api/v1/users/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(email);
    // user.registered: user's outbox → RabbitMQ → the notification process → the SMTP relay.
    await vi.waitFor(() => expect(mail.some((m) => m.to.includes(email))).toBe(true), {
      timeout: 30_000,
      interval: 250,
    });
  });

  it("keeps the order service's key in DATA_DIR, wherever that is", () => {
    expect(existsSync(join(dataDir, 'service-keys.json'))).toBe(true);
  });

  it('stops every process on Ctrl-C, leaving none behind', async () => {
    const pids = [...processIds(output).values()];
    const exited = new Promise<number | null>((resolve) => launcher?.once('exit', (code) => resolve(code)));
    launcher?.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    await expect(fetch(`${gateway}/health/live`)).rejects.toThrow();
  }, 60_000);
});

/** The launcher's banner lists `<service> http://127.0.0.1:<port>  pid <pid>` once per service. */
function processIds(banner: string): Map<string, number> {
  const pids = new Map<string, number>();
  for (const [, name, pid] of banner.matchAll(/^\[emporium\]\s+([a-z]+)\s+http:\/\/\S+\s+pid (\d+)$/gm))
    pids.set(name!, Number(pid));
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
