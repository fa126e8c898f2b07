export const userStatuses = ['active', 'deleted'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** Built-in roles; the identity issue maps roles to permissions and lets admins add custom ones. */
export const roles = { customer: 'customer', admin: 'admin' } as const;

/** What the service shows of an account: never its credentials. */
export interface User {
  id: string;
  email: string;
  emailVerifiedAt: Date | null;
  name: string;
  roles: string[];
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** Emails compare case-insensitively: they are stored and looked up lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
