export const userStatuses = ['active', 'deleted'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** Built-in roles every account can hold; admins add custom ones (see roles.ts). */
export const roles = { customer: 'customer', admin: 'admin' } as const;

/** What the service shows of an account: never its credentials. */
export interface User {
  id: string;
  email: string;
  emailVerifiedAt: Date | null;
  name: string;
  roles: string[];
  status: UserStatus;
  locale: string;
  marketingOptIn: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Emails compare case-insensitively: they are stored and looked up lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The address a deleted account keeps: unique (the id), and undeliverable by
 * construction (`.invalid` is reserved by RFC 2606), so nothing is ever sent
 * to it and the real address is free to register again.
 */
export function anonymisedEmailOf(userId: string): string {
  return `deleted-${userId}@deleted.invalid`;
}
