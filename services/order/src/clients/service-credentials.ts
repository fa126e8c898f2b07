import type { RequestContext } from '@emporium/platform/http/request-context';

/**
 * How the order service proves who it is when it acts as itself: holding,
 * committing and releasing stock (`inventory:reserve`) and refunding
 * (`payments:refund`), in a request or in the saga worker. Production uses an
 * API key with exactly those scopes (`X-Api-Key`); a bearer token carrying
 * the same permissions works too (tests sign one). Reads made for a shopper
 * (prices, availability) carry the shopper's own token instead.
 */
export interface ServiceCredentials {
  /** For `createServiceClient({ serviceAuthorization })`: used when a call has no caller's token. */
  authorization: () => string | undefined;
  /** The context and headers of a call made as the order service, within `ctx`'s trace. */
  asService: (ctx: RequestContext) => { ctx: RequestContext; headers: Record<string, string> };
  configured: boolean;
}

export function serviceCredentials(settings: {
  serviceApiKey?: string | undefined;
  serviceToken?: string | undefined;
}): ServiceCredentials {
  const { serviceApiKey, serviceToken } = settings;
  // An API key wins: the caller's hook reads `Authorization` first, so the bearer is left out then.
  const bearer = !serviceApiKey && serviceToken ? `Bearer ${serviceToken}` : undefined;
  const headers: Record<string, string> = serviceApiKey ? { 'x-api-key': serviceApiKey } : {};
  return {
    authorization: () => bearer,
    asService: (ctx) => ({ ctx: { ...ctx, authorization: undefined }, headers }),
    configured: Boolean(serviceApiKey || serviceToken),
  };
}
