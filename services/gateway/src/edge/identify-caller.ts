import type { IncomingHttpHeaders } from 'node:http';
import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import type { Principal } from '@emporium/platform/auth/principal';
import { isDependencyFailure } from '@emporium/platform/http/dependency-failure';
import { type AppError, platformErrors } from '@emporium/platform/http/errors';

export type Identification =
  | { principal: Principal | undefined; failure?: undefined }
  | { principal?: undefined; failure: AppError };

/**
 * The caller, from the same credentials and with the same verifiers every
 * service uses (`Authorization: Bearer <jwt>` first, else `X-Api-Key`), so
 * the edge and the services never disagree on who is calling. No
 * credentials: anonymous. Credentials that do not verify: a 401 failure,
 * returned rather than thrown so the edge can count it against the caller's
 * address before answering.
 */
export async function identifyCaller(
  headers: IncomingHttpHeaders,
  verifiers: Verifiers,
): Promise<Identification> {
  const authorization = headers.authorization;
  const apiKey = headers['x-api-key'];
  try {
    if (typeof authorization === 'string' && authorization.length > 0) {
      const [scheme, token] = authorization.split(' ', 2);
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        return { failure: platformErrors.UNAUTHENTICATED('use "Authorization: Bearer <token>"') };
      }
      return { principal: await verifiers.jwt(token) };
    }
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      if (!verifiers.apiKey) return { failure: platformErrors.UNAUTHENTICATED('API keys are not accepted') };
      return { principal: await verifiers.apiKey(apiKey) };
    }
    return { principal: undefined };
  } catch (error) {
    // The key set (or the user service, for API keys) cannot be reached: not the caller's fault.
    if (isDependencyFailure(error))
      throw platformErrors.DEPENDENCY_UNAVAILABLE('cannot verify credentials now');
    if ((error as { code?: string }).code === 'UNAUTHENTICATED') return { failure: error as AppError };
    return { failure: platformErrors.UNAUTHENTICATED('the credentials are invalid or expired') };
  }
}
