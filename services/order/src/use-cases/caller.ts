import type { Principal } from '@emporium/platform/auth/principal';

/** Who is asking, as the order routes see it: a verified principal, and a guest cart's token if sent. */
export interface Caller {
  principal: Principal | undefined;
  /** `X-Cart-Token`: a guest's proof of owning a cart (and the orders placed from it). */
  cartToken: string | undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer a signed-in user is (user ids are UUIDs); null for guests and API keys. */
export function customerIdOf(principal: Principal | undefined): string | null {
  return principal?.kind === 'user' && uuidPattern.test(principal.subject) ? principal.subject : null;
}

/** How history rows name whoever made a change. */
export function actorOf(principal: Principal | undefined): string {
  if (!principal) return 'guest';
  return `${principal.kind === 'user' ? 'user' : 'api-key'}:${principal.subject}`;
}
