import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { deepFreeze } from './deep-freeze.js';
import { describeErrors } from './describe-errors.js';
import { envNameOf } from './env-name.js';
import { isSecretRef, resolveSecretRef } from './secret-ref.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** Service name: selects `config/<profile>/<service>.yaml`. */
  service: string;
  /** The variables to read. Defaults to `process.env`; the embedded launcher passes one set per service. */
  env?: Environment;
  /** Folder holding the profile files; defaults to `$EMPORIUM_CONFIG_DIR` or `./config`. */
  configDir?: string;
}

/** Thrown with every invalid setting at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration for ${service}:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Builds a service's configuration from, lowest first: the schema's defaults,
 * the profile file (`config/<profile>/<service>.yaml`, its `runtime:` section
 * left out, secret references resolved), then the environment, where
 * `FOO_FILE=/path` reads a mounted secret into `foo`. The result is
 * validated once and frozen. This is the only module that reads `process.env`.
 */
export function loadConfig<S extends TObject>(schema: S, options: LoadConfigOptions): Readonly<Static<S>> {
  const env = options.env ?? process.env;
  const profile = env.EMPORIUM_PROFILE ?? 'development';
  const configDir = options.configDir ?? env.EMPORIUM_CONFIG_DIR ?? join(process.cwd(), 'config');
  const problems: string[] = [];

  const fromProfile = readProfileFile(join(configDir, profile, `${options.service}.yaml`), problems);
  const fromEnv: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const name = envNameOf(key);
    const direct = env[name];
    const file = env[`${name}_FILE`];
    if (file !== undefined && file !== '') {
      try {
        fromEnv[key] = readFileSync(file, 'utf8').trim();
      } catch (error) {
        problems.push(
          `${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    } else if (direct !== undefined && direct !== '') {
      fromEnv[key] = direct;
    }
  }

  // A profile value may be a secret reference ({ secretRef: { env | file } }); the environment wins over it.
  for (const [key, setting] of Object.entries(fromProfile)) {
    if (!isSecretRef(setting) || key in fromEnv) continue;
    try {
      fromProfile[key] = resolveSecretRef(setting, env);
    } catch (error) {
      problems.push(`${envNameOf(key)}: ${(error as Error).message}`);
      delete fromProfile[key];
    }
  }

  let value: unknown = { ...fromProfile, ...fromEnv };
  value = Value.Default(schema, value);
  value = Value.Convert(schema, value);
  problems.push(...describeErrors(schema, value));
  if (problems.length > 0) throw new ConfigError(options.service, problems);
  return deepFreeze(value as Static<S>);
}

function readProfileFile(path: string, problems: string[]): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
    if (parsed === null || parsed === undefined) return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`${path}: must be a mapping of settings`);
      return {};
    }
    // `runtime:` is the section the config service pushes live to running
    // instances (log level, rate limits, feature flags; see live-config.ts).
    // It is not a boot setting, so the schema never sees it.
    const { runtime: _live, ...boot } = parsed as Record<string, unknown>;
    return boot;
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return {};
  }
}
