import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Who a request is counted against: its client address when anonymous
 * (`anonymous`), its token's subject (`user`), its API key (`apiKey`); and
 * on the sign-in routes (`/api/v1/auth/*`: login, register, password reset)
 * always its client address, with a much lower limit (`auth`).
 */
export const limitClasses = ['anonymous', 'user', 'apiKey', 'auth'] as const;
export type LimitClass = (typeof limitClasses)[number];

const Limit = Type.Object(
  {
    limit: Type.Integer({ minimum: 1 }),
    windowSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
  },
  { additionalProperties: false },
);
export type Limit = Static<typeof Limit>;
export type RateLimits = Record<LimitClass, Limit>;

/**
 * The `rateLimits` key of the gateway's `runtime:` section (config service),
 * applied live: any class it names replaces the boot value of that class.
 *
 *   rateLimits:
 *     anonymous: { limit: 300, windowSeconds: 60 }
 *     auth: { limit: 10, windowSeconds: 60 }
 */
export const LiveRateLimits = Type.Object(
  {
    anonymous: Type.Optional(Limit),
    user: Type.Optional(Limit),
    apiKey: Type.Optional(Limit),
    auth: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

const classNames = limitClasses.join('|');
/** Boot format (`RATE_LIMITS`): `anonymous=300/60s,auth=20/60s`; classes left out keep the defaults. */
const classRule = `(${classNames})=[1-9]\\d*/[1-9]\\d*s`;
export const rateLimitsPattern = `^${classRule}(,${classRule})*$`;

export const defaultRateLimits: RateLimits = {
  anonymous: { limit: 300, windowSeconds: 60 },
  user: { limit: 1_200, windowSeconds: 60 },
  apiKey: { limit: 6_000, windowSeconds: 60 },
  auth: { limit: 20, windowSeconds: 60 },
};

/** The boot limits: the defaults, then the classes `RATE_LIMITS` names (format checked by the config schema). */
export function bootRateLimits(value: string | undefined): RateLimits {
  const limits = { ...defaultRateLimits };
  for (const entry of value ? value.split(',') : []) {
    const [name, rule] = entry.split('=') as [LimitClass, string];
    const [limit, window] = rule.split('/') as [string, string];
    limits[name] = { limit: Number(limit), windowSeconds: Number.parseInt(window, 10) };
  }
  return limits;
}

/**
 * The limits once a live document is applied: `undefined` (the key left the
 * document) falls back to the boot limits; an invalid document is refused
 * whole, with the reasons.
 */
export function liveRateLimits(
  boot: RateLimits,
  value: unknown,
): { limits: RateLimits; errors?: undefined } | { limits?: undefined; errors: string[] } {
  if (value === undefined || value === null) return { limits: boot };
  if (!Value.Check(LiveRateLimits, value)) {
    return { errors: [...Value.Errors(LiveRateLimits, value)].map((e) => `${e.instancePath} ${e.message}`) };
  }
  return { limits: { ...boot, ...(value as Static<typeof LiveRateLimits>) } };
}
