import { createHash } from 'node:crypto';

/** Keys are the caller's: two callers may pick the same key without meeting each other's results. */
export const scopedKey = (subject: string, key: string) => `${subject}:${key}`;

/** What makes a retried request the same request: the same key with another body is refused. */
export function requestFingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Postgres' unique violation, with the constraint it hit (drizzle wraps the driver's error in `cause`). */
export function uniqueViolationOf(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const { code, constraint } = (candidate ?? {}) as { code?: string; constraint?: string };
    if (code === '23505') return constraint ?? '';
  }
  return undefined;
}
