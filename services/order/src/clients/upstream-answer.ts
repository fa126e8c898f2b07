import type { ServiceResponse } from '@emporium/platform/resilience/service-client';

/**
 * Another service answered in a way this one has no rule for (a 401 because
 * our credential is wrong, a 400 because a contract drifted): never the
 * customer's fault, so the request gets a 503 and the log gets the details.
 */
export class UnexpectedAnswerError extends Error {
  constructor(
    readonly target: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`${target} answered ${status}${code ? ` ${code}` : ''}`);
    this.name = 'UnexpectedAnswerError';
  }
}

export function problemCodeOf(response: ServiceResponse): string | undefined {
  const body = response.body as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : undefined;
}

export function unexpected(target: string, response: ServiceResponse): UnexpectedAnswerError {
  return new UnexpectedAnswerError(target, response.status, problemCodeOf(response));
}
