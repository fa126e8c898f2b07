import { isSecretRef, looksLikeSecretRef } from '@emporium/platform/config/secret-ref';

/**
 * Keys whose value is a secret: by the last word of the name, so
 * `jwtSecret`, `smtpPassword`, `stripeApiKey` are secrets and
 * `accessTokenTtlSeconds` is not.
 */
const secretKey =
  /(password|passwd|passphrase|secrets?|token|apikey|api_key|privatekey|private_key|credentials?|accesskey|access_key|signingkey|webhooksecret)$/i;

/** Credentials written into a URL (`postgres://user:pass@host`) or a key pasted in full. */
const credentialsInUrl = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i;
const pemPrivateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

export interface SecretProblems {
  /** Paths (`runtime.smtp.password`) holding a secret in plain text. Values are never reported. */
  plaintext: string[];
  /** Paths holding a `secretRef` that is not well formed. */
  invalidRefs: string[];
}

export function secretKeyLike(key: string): boolean {
  return secretKey.test(key);
}

/** Walks a whole document; under a secret-looking key every string is plaintext, however deep. */
export function findSecretProblems(document: unknown): SecretProblems {
  const problems: SecretProblems = { plaintext: [], invalidRefs: [] };
  walk(document, '', false, problems);
  return problems;
}

function walk(value: unknown, path: string, underSecretKey: boolean, problems: SecretProblems): void {
  if (looksLikeSecretRef(value)) {
    if (!isSecretRef(value)) problems.invalidRefs.push(path || '(root)');
    return;
  }
  if (typeof value === 'string') {
    if (underSecretKey || credentialsInUrl.test(value) || pemPrivateKey.test(value)) {
      problems.plaintext.push(path || '(root)');
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, `${path}[${index}]`, underSecretKey, problems);
    });
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      walk(child, path ? `${path}.${key}` : key, underSecretKey || secretKeyLike(key), problems);
    }
  }
}
