import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const Schema = Type.Object(
  {
    logLevel: Type.String({ default: 'info' }),
    databaseUrl: Type.String({ pattern: '^postgres://' }),
    jwtSecret: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

function profileDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'emporium-load-config-'));
  mkdirSync(join(dir, 'development'));
  writeFileSync(join(dir, 'development', 'demo.yaml'), yaml);
  return dir;
}

describe('loadConfig and the config service document format', () => {
  it('leaves the runtime: section to live config, whatever it holds', () => {
    const dir = profileDir(
      'logLevel: warn\ndatabaseUrl: postgres://db/x\nruntime:\n  logLevel: debug\n  featureFlags: { beta: true }\n',
    );
    const config = loadConfig(Schema, { service: 'demo', configDir: dir, env: {} });
    expect(config).toEqual({ logLevel: 'warn', databaseUrl: 'postgres://db/x' });
  });

  it('still refuses unknown boot settings beside runtime:', () => {
    const dir = profileDir('databaseUrl: postgres://db/x\nrateLimits: {}\nruntime: {}\n');
    expect(() => loadConfig(Schema, { service: 'demo', configDir: dir, env: {} })).toThrow(
      /RATE_LIMITS: unknown/,
    );
  });

  it('resolves secret references from the environment and mounted files', () => {
    const dir = profileDir('');
    writeFileSync(
      join(dir, 'development', 'demo.yaml'),
      `databaseUrl: { secretRef: { env: DEMO_DB } }\njwtSecret: { secretRef: { file: ${join(dir, 'jwt')} } }\n`,
    );
    writeFileSync(join(dir, 'jwt'), 'very-secret\n');
    const config = loadConfig(Schema, {
      service: 'demo',
      configDir: dir,
      env: { DEMO_DB: 'postgres://db/ref' },
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://db/ref', jwtSecret: 'very-secret' });
  });

  it('lets the environment win over a reference, and names a reference it cannot resolve', () => {
    const dir = profileDir(
      'databaseUrl: { secretRef: { env: DEMO_DB } }\njwtSecret: { secretRef: { file: /nope } }\n',
    );
    const fromEnv = () =>
      loadConfig(Schema, { service: 'demo', configDir: dir, env: { DATABASE_URL: 'postgres://db/env' } });
    let thrown: unknown;
    try {
      fromEnv();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual(['JWT_SECRET: cannot read secret file /nope (ENOENT)']);
    const config = loadConfig(Schema, {
      service: 'demo',
      configDir: dir,
      env: { DATABASE_URL: 'postgres://db/env', JWT_SECRET: 's' },
    });
    expect(config.databaseUrl).toBe('postgres://db/env');
  });
});
