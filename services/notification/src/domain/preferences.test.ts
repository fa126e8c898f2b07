import { describe, expect, it } from 'vitest';
import { allows, checkChanges, effectivePreferences } from './preferences.js';

describe('notification preferences', () => {
  it('fills the matrix with defaults: marketing and SMS opt-in, the rest on', () => {
    const matrix = effectivePreferences([]);
    expect(matrix).toHaveLength(12);
    const enabled = matrix.filter((p) => p.enabled).map((p) => `${p.channel}:${p.category}`);
    expect(enabled).toEqual([
      'email:transactional',
      'email:alerts',
      'push:transactional',
      'push:alerts',
      'websocket:transactional',
      'websocket:alerts',
    ]);
  });

  it('applies stored choices, but never lets transactional email be off', () => {
    const stored = [
      { channel: 'email', category: 'marketing', enabled: true },
      { channel: 'push', category: 'alerts', enabled: false },
      { channel: 'email', category: 'transactional', enabled: false },
    ] as const;
    expect(allows([...stored], 'email', 'marketing')).toBe(true);
    expect(allows([...stored], 'push', 'alerts')).toBe(false);
    expect(allows([...stored], 'email', 'transactional')).toBe(true);
    expect(allows([...stored], 'sms', 'transactional')).toBe(false);
  });

  it('refuses turning transactional email off and naming a pair twice', () => {
    expect(() => checkChanges([{ channel: 'email', category: 'transactional', enabled: false }])).toThrow(
      expect.objectContaining({ code: 'TRANSACTIONAL_REQUIRED', status: 409 }),
    );
    expect(() =>
      checkChanges([
        { channel: 'sms', category: 'alerts', enabled: true },
        { channel: 'sms', category: 'alerts', enabled: false },
      ]),
    ).toThrow(expect.objectContaining({ code: 'PREFERENCE_DUPLICATED' }));
    expect(() =>
      checkChanges([
        { channel: 'email', category: 'transactional', enabled: true },
        { channel: 'sms', category: 'transactional', enabled: false },
      ]),
    ).not.toThrow();
  });
});
