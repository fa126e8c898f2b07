import type { TObject } from 'typebox';
import { Value } from 'typebox/value';
import { envNameOf } from './env-name.js';

/**
 * Turns TypeBox's validation errors into one line per setting, named as the
 * operator sets it (`DATABASE_URL: required`), with the allowed values of an
 * enumeration listed once rather than one "must be equal to constant" each.
 */
export function describeErrors(schema: TObject, value: unknown): string[] {
  const bySetting = new Map<string, string>();
  const allowed = new Map<string, unknown[]>();
  for (const error of Value.Errors(schema, value)) {
    const key = error.instancePath.split('/')[1] ?? '';
    const params = error.params as {
      requiredProperties?: string[];
      additionalProperties?: string[];
      allowedValue?: unknown;
    };
    if (error.keyword === 'required') {
      for (const missing of params.requiredProperties ?? [])
        bySetting.set(envNameOf(missing), 'required but not set');
    } else if (error.keyword === 'additionalProperties') {
      for (const extra of params.additionalProperties ?? [])
        bySetting.set(envNameOf(extra), 'unknown setting');
    } else if (error.keyword === 'const' && key) {
      allowed.set(key, [...(allowed.get(key) ?? []), params.allowedValue]);
    } else if (
      key &&
      error.keyword !== 'boolean' &&
      error.keyword !== 'anyOf' &&
      !bySetting.has(envNameOf(key))
    ) {
      bySetting.set(envNameOf(key), error.message);
    }
  }
  for (const [key, values] of allowed) bySetting.set(envNameOf(key), `must be one of ${values.join(', ')}`);
  return [...bySetting].map(([name, problem]) => `${name}: ${problem}`);
}
