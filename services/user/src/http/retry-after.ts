import { AppError } from '@emporium/platform/http/errors';
import type { FastifyReply } from 'fastify';

/** Awaits `work`; a RATE_LIMITED error carrying `retryAfter` (seconds) also sets the `Retry-After` header. */
export async function withRetryAfter<T>(reply: FastifyReply, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const retryAfter = error instanceof AppError ? error.extensions.retryAfter : undefined;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    throw error;
  }
}
