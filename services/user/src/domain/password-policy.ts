/** Length is what makes a password strong (NIST SP 800-63B); no composition rules. */
export const passwordLength = { min: 10, max: 200 } as const;

/** A few of the most common passwords that pass the length rule. */
const common = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'password12',
  'password123',
  'password1234',
  'qwertyuiop',
  'qwerty12345',
  '1q2w3e4r5t',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'abcdefghij',
]);

/**
 * Why a password must be refused, or undefined when it is acceptable: too
 * short or long, one repeated character, a well-known password, or the
 * account's own email or name (NIST's "context-specific words").
 */
export function passwordWeakness(
  password: string,
  account: { email: string; name: string },
): string | undefined {
  const length = [...password].length;
  if (length < passwordLength.min) return `must have at least ${passwordLength.min} characters`;
  if (length > passwordLength.max) return `must have at most ${passwordLength.max} characters`;
  const lowered = password.toLowerCase();
  if (new Set(lowered).size === 1) return 'must not repeat a single character';
  if (common.has(lowered)) return 'is one of the most common passwords';
  const email = account.email.toLowerCase();
  const context = [email, email.split('@')[0] ?? '', account.name.toLowerCase().replaceAll(/\s+/g, '')];
  if (context.some((word) => word.length > 0 && lowered.replaceAll(/\s+/g, '') === word)) {
    return 'must not be the account email or name';
  }
  return undefined;
}
