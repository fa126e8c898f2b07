import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { appendVersion, type DocumentKey, latestDocument, latestDocumentBy } from '../db/documents.repo.js';
import { contentOf, type Settings, splitContent } from '../domain/document.js';
import { profiles } from '../domain/profiles.js';
import { findSecretProblems } from '../domain/secrets.js';
import type { ConfigDeps } from '../use-cases/deps.js';

export const seedAuthor = 'seed';
const serviceFile = /^([a-z][a-z0-9-]*)\.ya?ml$/;

export interface SeedReport {
  /** `<service>/<profile>@<version>` for each version written. */
  written: string[];
  unchanged: number;
  /** Files refused (unreadable, not a mapping, plain-text secrets), with why. */
  rejected: Array<{ file: string; reason: string }>;
}

/**
 * Loads `<dir>/<profile>/<service>.yaml` for every profile. A file becomes a
 * new version only when it differs from both the latest version and the last
 * version seeded from it: an unchanged file never undoes a change an
 * operator made through the API, while an edited file (a deploy) wins.
 * Safe on every start and on several replicas starting at once.
 */
export async function seedConfigFiles(deps: ConfigDeps, dir: string): Promise<SeedReport> {
  const report: SeedReport = { written: [], unchanged: 0, rejected: [] };
  for (const profile of profiles) {
    const folder = join(dir, profile);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      const match = serviceFile.exec(name);
      if (!match) continue;
      const file = join(profile, name);
      const parsed = readDocument(join(folder, name));
      if (typeof parsed === 'string') {
        report.rejected.push({ file, reason: parsed });
        continue;
      }
      const key: DocumentKey = { service: match[1]!, profile };
      const version = await seedOne(deps, key, parsed, `seeded from config/${file}`);
      if (version === undefined) report.unchanged += 1;
      else report.written.push(`${key.service}/${profile}@${version}`);
    }
  }
  for (const { file, reason } of report.rejected) deps.logger.error({ file, reason }, 'config file refused');
  deps.logger.info(
    { written: report.written, unchanged: report.unchanged, rejected: report.rejected.length },
    'config files seeded',
  );
  return report;
}

async function seedOne(deps: ConfigDeps, key: DocumentKey, content: Settings, comment: string) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const latest = await latestDocument(deps.db, key);
    if (latest && isDeepStrictEqual(contentOf(latest.settings, latest.runtime), content)) return undefined;
    const lastSeeded = await latestDocumentBy(deps.db, key, seedAuthor);
    if (lastSeeded && isDeepStrictEqual(contentOf(lastSeeded.settings, lastSeeded.runtime), content)) {
      return undefined;
    }
    const written = await appendVersion(deps.db, key, {
      content,
      createdBy: seedAuthor,
      comment,
      expectedVersion: latest?.version ?? 0,
    });
    if (written) {
      deps.changes.publish(written);
      return written.version;
    }
    // Another replica seeded meanwhile: compare again with what it wrote.
  }
  return undefined;
}

/** The normalised content, or why the file cannot be used. */
function readDocument(path: string): Settings | string {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    return `not valid YAML: ${(error as Error).message.split('\n')[0]}`;
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return 'must be a mapping of settings';
  const { settings, runtime } = splitContent(JSON.parse(JSON.stringify(parsed)) as Settings);
  if (typeof runtime !== 'object' || runtime === null || Array.isArray(runtime)) {
    return '`runtime` must be a mapping of settings';
  }
  const secrets = findSecretProblems(parsed);
  if (secrets.plaintext.length > 0) return `plain-text secret at ${secrets.plaintext.join(', ')}`;
  if (secrets.invalidRefs.length > 0) return `malformed secretRef at ${secrets.invalidRefs.join(', ')}`;
  return contentOf(settings, runtime);
}
