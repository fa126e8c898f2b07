import type { Settings } from '../domain/document.js';
import { configErrors } from '../domain/errors.js';
import { findSecretProblems } from '../domain/secrets.js';

/** Refuses a document holding a secret value or a malformed secret reference, naming paths, never values. */
export function assertNoPlaintextSecrets(content: Settings): void {
  const problems = findSecretProblems(content);
  if (problems.plaintext.length > 0) {
    throw configErrors.PLAINTEXT_SECRET(`plain-text secret at ${problems.plaintext.join(', ')}`, {
      paths: problems.plaintext,
    });
  }
  if (problems.invalidRefs.length > 0) {
    throw configErrors.INVALID_SECRET_REF(`malformed secretRef at ${problems.invalidRefs.join(', ')}`, {
      paths: problems.invalidRefs,
    });
  }
}
