import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-policy.js';

const account = { email: 'Ada.Lovelace@example.com', name: 'Ada Lovelace' };

describe('password policy', () => {
  it('accepts a long enough password with nothing to do with the account', () => {
    expect(passwordWeakness('correct horse battery staple', account)).toBeUndefined();
    expect(passwordWeakness('ab12cd34ef', account)).toBeUndefined();
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(passwordWeakness('🔑🔑🔑🔑🔑🔑🔑🔑🔑', account)).toMatch(/at least 10/);
    expect(passwordWeakness('🔑🔐🔑🔐🔑🔐🔑🔐🔑🔐', account)).toBeUndefined();
  });

  it('refuses too short, too long, repeated, common and context passwords', () => {
    expect(passwordWeakness('short', account)).toMatch(/at least 10/);
    expect(passwordWeakness('x'.repeat(201), account)).toMatch(/at most 200/);
    expect(passwordWeakness('AAAAAAAAAAAA', account)).toMatch(/repeat/);
    expect(passwordWeakness('Password123', account)).toMatch(/common/);
    expect(passwordWeakness('ada.lovelace@EXAMPLE.com', account)).toMatch(/email or name/);
    expect(passwordWeakness('ada.lovelace', { ...account, email: 'ada.lovelace@x.io' })).toMatch(/email/);
    expect(passwordWeakness('Ada  Lovelace!', account)).toBeUndefined();
    expect(passwordWeakness('AdaLovelace', account)).toMatch(/email or name/);
  });
});
