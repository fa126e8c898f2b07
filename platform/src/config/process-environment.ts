import type { Environment } from './load-config.js';

/**
 * A copy of this process's environment, for launchers that derive each
 * service's environment from it. Config stays the only reader of process.env.
 */
export function processEnvironment(): Environment {
  return { ...process.env };
}
