import { and, arrayContains, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { User, UserStatus } from '../domain/user.js';
import type { UserExecutor } from './database.js';
import { users } from './schema.js';

/** Every column but the password hash: what leaves this file unless a caller asks for credentials. */
const publicColumns = {
  id: users.id,
  email: users.email,
  emailVerifiedAt: users.emailVerifiedAt,
  name: users.name,
  roles: users.roles,
  status: users.status,
  locale: users.locale,
  marketingOptIn: users.marketingOptIn,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export interface NewUser {
  /** Already normalised (lower-cased). */
  email: string;
  passwordHash: string | null;
  name: string;
  roles?: string[];
  emailVerifiedAt?: Date | null;
  locale?: string;
  marketingOptIn?: boolean;
}

/** Inserts unless the email is taken; returns undefined when it was. */
export async function insertUser(db: UserExecutor, user: NewUser): Promise<User | undefined> {
  const [row] = await db
    .insert(users)
    .values(user)
    .onConflictDoNothing({ target: users.email })
    .returning(publicColumns);
  return row;
}

export async function findUserById(db: UserExecutor, id: string): Promise<User | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row;
}

/** The account's status only: what the active-account check reads on every authenticated request. */
export async function findUserStatus(db: UserExecutor, id: string): Promise<UserStatus | undefined> {
  const [row] = await db.select({ status: users.status }).from(users).where(eq(users.id, id));
  return row?.status;
}

export async function findUserByEmail(db: UserExecutor, email: string): Promise<User | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.email, email));
  return row;
}

/** The stored password hash of an account, for checking a password; nothing else reads it. */
export async function findPasswordHash(db: UserExecutor, email: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return row?.passwordHash;
}

/** What a password login needs to know about an email: the account, its status and its hash. */
export async function findLoginByEmail(db: UserExecutor, email: string) {
  const [row] = await db
    .select({ id: users.id, status: users.status, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return row;
}

export async function findPasswordHashById(db: UserExecutor, id: string): Promise<string | null | undefined> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row?.passwordHash;
}

export interface UserPatch {
  name?: string;
  locale?: string;
  marketingOptIn?: boolean;
  passwordHash?: string | null;
  email?: string;
  emailVerifiedAt?: Date | null;
  roles?: string[];
  status?: UserStatus;
}

export async function updateUser(db: UserExecutor, id: string, patch: UserPatch): Promise<User | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row;
}

/** Active accounts holding `role`, other than `exceptId`: guards against removing the last admin. */
export async function countActiveWithRole(
  db: UserExecutor,
  role: string,
  exceptId?: string,
): Promise<number> {
  const filters: SQL[] = [arrayContains(users.roles, [role]), eq(users.status, 'active')];
  if (exceptId) filters.push(ne(users.id, exceptId));
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(...filters));
  return row?.n ?? 0;
}

export interface UserListQuery {
  role?: string | undefined;
  status?: UserStatus | undefined;
  /** Position of the last row of the previous page: newest first, `(createdAt, id)` descending. */
  after?: readonly [createdAt: string, id: string] | undefined;
  /** Rows to fetch (callers ask for one more than they show, to know whether a next page exists). */
  take: number;
}

export async function listUsers(db: UserExecutor, query: UserListQuery): Promise<User[]> {
  const filters: SQL[] = [];
  if (query.role) filters.push(arrayContains(users.roles, [query.role]));
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.after) {
    const [createdAt, id] = query.after;
    filters.push(sql`(${users.createdAt}, ${users.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return db
    .select(publicColumns)
    .from(users)
    .where(and(...filters))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(query.take);
}
