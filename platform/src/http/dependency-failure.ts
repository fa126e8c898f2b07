import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * True when an error means "something we depend on is down or slow" rather
 * than a bug: the caller then gets a 503 it may retry, never a 500.
 */
export function isDependencyFailure(error: unknown): boolean {
  if (error instanceof BrokenCircuitError || error instanceof BulkheadRejectedError) return true;
  if (error instanceof TaskCancelledError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (networkCodes.has(code)) return true;
    // Postgres: connection exceptions (08xxx), shutdown (57P0x), too many connections (53300).
    if (/^08...$/.test(code) || /^57P0.$/.test(code) || code === '53300') return true;
  }
  if (typeof message === 'string') {
    return /timeout exceeded when trying to connect|Connection terminated|connection is closed|Connection is closed/i.test(
      message,
    );
  }
  return false;
}
