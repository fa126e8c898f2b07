import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../payment-provider.js';

/**
 * Checks a `Sandbox-Signature: t=<unix>,v1=<hex>[,v1=…]` header: an
 * HMAC-SHA256 of `<t>.<raw body>` with the endpoint's secret, made at most
 * `toleranceSeconds` ago (a captured webhook cannot be replayed later).
 */
export function verifySandboxSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  toleranceSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): void {
  if (!header) throw new WebhookVerificationError('signature', 'no Sandbox-Signature header');
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  const signatures = parts.filter(([name, value]) => name === 'v1' && value).map(([, value]) => value!);
  if (!Number.isInteger(timestamp) || signatures.length === 0) {
    throw new WebhookVerificationError(
      'signature',
      'the signature header has no timestamp or no v1 signature',
    );
  }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError('signature', 'the signature timestamp is outside the tolerance');
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const matches = signatures.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError('signature', 'no signature matches the body');
}
