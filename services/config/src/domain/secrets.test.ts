import { describe, expect, it } from 'vitest';
import { findSecretProblems, secretKeyLike } from './secrets.js';

describe('secrets in config documents', () => {
  it('knows a secret by the last word of its key', () => {
    for (const key of [
      'password',
      'smtpPassword',
      'jwtSecret',
      'apiKey',
      'stripe_api_key',
      'privateKey',
      'token',
    ])
      expect(secretKeyLike(key), key).toBe(true);
    for (const key of ['accessTokenTtlSeconds', 'tokenIssuer', 'passwordMinLength', 'logLevel', 'keyId'])
      expect(secretKeyLike(key), key).toBe(false);
  });

  it('accepts references and non-string values under secret keys', () => {
    const problems = findSecretProblems({
      jwtPrivateKey: { secretRef: { file: '/run/secrets/jwt.pem' } },
      runtime: { smtp: { password: { secretRef: { env: 'SMTP_PASSWORD' } } }, rotateToken: true },
      secrets: { stripe: { secretRef: { env: 'STRIPE_KEY' } } },
    });
    expect(problems).toEqual({ plaintext: [], invalidRefs: [] });
  });

  it('reports plaintext secrets by path, however deep, and never their values', () => {
    const problems = findSecretProblems({
      runtime: { smtp: { password: 'hunter2' } },
      secrets: { stripe: 'sk_live_x', list: ['a'] },
      databaseUrl: 'postgres://emporium:s3cret@db:5432/emporium',
      signing: '-----BEGIN PRIVATE KEY-----\nMIIE...',
      publicUrl: 'https://shop.example.com/a:b@c',
    });
    expect(problems.plaintext).toEqual([
      'runtime.smtp.password',
      'secrets.stripe',
      'secrets.list[0]',
      'databaseUrl',
      'signing',
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/hunter2|s3cret|sk_live/);
  });

  it('reports malformed references', () => {
    const problems = findSecretProblems({
      a: { secretRef: { env: 'lower-case' } },
      b: { secretRef: { file: 'relative/path' } },
      c: { secretRef: { env: 'A', file: '/x' } },
      d: { secretRef: 'JWT_SECRET' },
    });
    expect(problems.invalidRefs).toEqual(['a', 'b', 'c', 'd']);
  });
});
