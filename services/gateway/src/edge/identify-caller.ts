import type { IncomingHttpHeaders } from 'node:http';
import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { identifyCaller } from '@emporium/platform/auth/identify-caller';
import type { Principal } from '@emporium/platform/auth/principal';
import type { AppError } from '@emporium/platform/http/errors';

export type Identification =
  | { principal: Principal | undefined; failure?: undefined }
  | { principal?: undefined; failure: AppError };

/**
 * The caller, exactly as every service identifies it (the platform's
 * `identifyCaller`). Credentials that do not verify come back as a 401
 * failure rather than thrown, so the edge can count it against the caller's
 * address before answering; a verifier that cannot be reached still throws 503.
 */
export async function identifyCallerAtEdge(
  headers: IncomingHttpHeaders,
  verifiers: Verifiers,
): Promise<Identification> {
  try {
    return { principal: await identifyCaller(headers, verifiers) };
  } catch (error) {
    if ((error as AppError).code === 'UNAUTHENTICATED') return { failure: error as AppError };
    throw error;
  }
}
