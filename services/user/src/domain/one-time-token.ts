export const oneTimeTokenPurposes = ['verify_email', 'password_reset'] as const;
export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number];

/** How long each kind of emailed link works. */
export const oneTimeTokenLifetimeMs: Record<OneTimeTokenPurpose, number> = {
  verify_email: 48 * 60 * 60_000,
  password_reset: 30 * 60_000,
};
