import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { commonSettings } from './common.js';
import { envNameOf } from './env-name.js';
import { ConfigError, loadConfig } from './load-config.js';

const Schema = Type.Object(
  {
    ...commonSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 9000 }),
    databaseUrl: Type.String({ pattern: '^postgres://' }),
    apiSecret: Type.Optional(Type.String()),
    retries: Type.Integer({ minimum: 0, default: 3 }),
  },
  { additionalProperties: false },
);

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'emporium-config-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('loadConfig', () => {
  it('maps setting names to environment names', () => {
    expect(envNameOf('databaseUrl')).toBe('DATABASE_URL');
    expect(envNameOf('otelExporterOtlpEndpoint')).toBe('OTEL_EXPORTER_OTLP_ENDPOINT');
  });

  it('layers defaults < profile file < environment, converting types', () => {
    const dir = configDir({ 'staging/demo.yaml': 'retries: 5\nport: 9100\n' });
    const config = loadConfig(Schema, {
      service: 'demo',
      configDir: dir,
      env: { EMPORIUM_PROFILE: 'staging', DATABASE_URL: 'postgres://db/x', PORT: '9200' },
    });
    expect(config.retries).toBe(5); // from the profile file
    expect(config.port).toBe(9200); // the environment wins
    expect(config.logLevel).toBe('info'); // the default
    expect(config.emporiumProfile).toBe('staging');
  });

  it('reads *_FILE secrets from mounted files', () => {
    const dir = configDir({ 'secret.txt': 's3cr3t\n' });
    const config = loadConfig(Schema, {
      service: 'demo',
      configDir: dir,
      env: { DATABASE_URL: 'postgres://db/x', API_SECRET_FILE: join(dir, 'secret.txt') },
    });
    expect(config.apiSecret).toBe('s3cr3t');
  });

  it('reports every invalid setting at once', () => {
    const dir = configDir({ 'development/demo.yaml': 'colour: blue\n' });
    let thrown: unknown;
    try {
      loadConfig(Schema, {
        service: 'demo',
        configDir: dir,
        env: { PORT: 'eighty', LOG_LEVEL: 'loud', API_SECRET_FILE: '/nonexistent/secret' },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'API_SECRET_FILE', 'COLOUR'])
      expect(problems).toContain(name);
  });

  it('freezes the result', () => {
    const config = loadConfig(Schema, {
      service: 'demo',
      configDir: configDir({}),
      env: { DATABASE_URL: 'postgres://db/x' },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });
});
