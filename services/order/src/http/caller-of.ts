import type { Principal } from '@emporium/platform/auth/principal';
import type { Caller } from '../use-cases/caller.js';

type RequestLike = {
  principal: Principal | undefined;
  headers: Record<string, string | string[] | undefined>;
};

const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

/** The verified principal and, if sent and well-formed, the guest cart's `X-Cart-Token`. */
export function callerOf(request: RequestLike): Caller {
  const token = request.headers['x-cart-token'];
  return {
    principal: request.principal,
    cartToken: typeof token === 'string' && tokenPattern.test(token) ? token : undefined,
  };
}

const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** `Idempotency-Key`: 1-255 visible ASCII characters (a UUID, typically); anything else counts as absent. */
export function idempotencyKeyOf(request: RequestLike): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && idempotencyKeyPattern.test(key) ? key : undefined;
}
