/**
 * Errors that cross the HTTP boundary: a stable `code` clients can switch on,
 * its HTTP status, and a human title. Each service declares its own catalog
 * with `defineErrors`; the platform's problem handler renders them.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail?: string,
    /** Extra members for the problem document (e.g. `errors`, `retryAfter`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export interface ErrorSpec {
  status: number;
  title: string;
}

export type ErrorFactory = (detail?: string, extensions?: Record<string, unknown>) => AppError;

export function defineErrors<const T extends Record<string, ErrorSpec>>(
  catalog: T,
): { [K in keyof T]: ErrorFactory } {
  const factories = {} as { [K in keyof T]: ErrorFactory };
  for (const [code, spec] of Object.entries(catalog) as [keyof T & string, ErrorSpec][]) {
    factories[code] = (detail, extensions) => new AppError(code, spec.status, spec.title, detail, extensions);
  }
  return factories;
}

/** Codes the platform itself produces, whatever the service. */
export const platformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_BODY: { status: 400, title: 'The request body could not be parsed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'You are not allowed to do this' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed on this route' },
  NOT_ACCEPTABLE: { status: 406, title: 'Cannot produce an acceptable response' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  BAD_GATEWAY: { status: 502, title: 'An upstream service answered with an error' },
  DEPENDENCY_UNAVAILABLE: { status: 503, title: 'A dependency is unavailable; try again shortly' },
  NOT_READY: { status: 503, title: 'The service is not ready' },
  UPSTREAM_TIMEOUT: { status: 504, title: 'An upstream service did not answer in time' },
});
