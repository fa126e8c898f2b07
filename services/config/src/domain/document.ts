import type { Profile } from './profiles.js';

export type Settings = Record<string, unknown>;

/**
 * One version of a service's configuration for one profile. Stored as the
 * YAML file reads: top-level keys are boot settings (validated by the
 * service's config schema when it starts), and the reserved `runtime:` key
 * holds what running instances apply live (log level, rate limits, feature
 * flags, thresholds).
 */
export interface ConfigDocument {
  service: string;
  profile: Profile;
  version: number;
  settings: Settings;
  runtime: Settings;
  createdAt: Date;
  createdBy: string;
  comment: string | null;
}

export const runtimeKey = 'runtime';

/** The stored form: boot settings with `runtime` beside them (omitted when empty). */
export function contentOf(settings: Settings, runtime: Settings): Settings {
  return Object.keys(runtime).length > 0 ? { ...settings, [runtimeKey]: runtime } : { ...settings };
}

export function splitContent(content: Settings): { settings: Settings; runtime: Settings } {
  const { [runtimeKey]: runtime, ...settings } = content;
  return { settings, runtime: (runtime ?? {}) as Settings };
}
