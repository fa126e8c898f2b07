import { describe, expect, it } from 'vitest';
import { generateApiKey } from './api-key-format.js';
import { parseProvisionedKeys } from './provisioned-keys.js';

describe('provisioned API keys (SERVICE_API_KEYS)', () => {
  it('reads a list of keys with their prefixes and sorted, distinct scopes', () => {
    const { key, prefix } = generateApiKey();
    const parsed = parseProvisionedKeys(
      JSON.stringify([
        { name: 'order', key, scopes: ['payments:refund', 'inventory:reserve', 'payments:refund'] },
      ]),
    );
    expect(parsed).toEqual({
      keys: [{ name: 'order', key, prefix, scopes: ['inventory:reserve', 'payments:refund'] }],
    });
    expect(parseProvisionedKeys(undefined)).toEqual({ keys: [] });
  });

  it('reports every problem instead of registering part of the list', () => {
    const good = generateApiKey().key;
    expect(parseProvisionedKeys('not json')).toEqual({ problems: [expect.stringMatching(/not JSON/)] });
    expect(parseProvisionedKeys('{"name":"order"}')).toEqual({ problems: [expect.stringMatching(/a list/)] });
    const parsed = parseProvisionedKeys(
      JSON.stringify([
        { name: 'order', key: 'emp_short', scopes: ['inventory:reserve'] },
        { name: 'partner', key: good, scopes: ['inventory:everything'] },
      ]),
    );
    expect(parsed).toEqual({
      problems: [
        expect.stringMatching(/"order" is not an emp_<prefix>_<secret> key/),
        expect.stringMatching(/"partner" has unknown scopes inventory:everything/),
      ],
    });
  });
});
