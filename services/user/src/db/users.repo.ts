import { and, arrayContains, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { User, UserStatus } from '../domain/user.js';
import type { UserDb } from './database.js';
import { users } from './schema.js';

/** Every column but the password hash: what leaves this file unless a caller asks for credentials. */
const publicColumns = {
  id: users.id,
  email: users.email,
  emailVerifiedAt: users.emailVerifiedAt,
  name: users.name,
  roles: users.roles,
  status: users.status,
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
}

/** Inserts unless the email is taken; returns undefined when it was. */
export async function insertUser(db: UserDb, user: NewUser): Promise<User | undefined> {
  const [row] = await db
    .insert(users)
    .values(user)
    .onConflictDoNothing({ target: users.email })
    .returning(publicColumns);
  return row;
}

export async function findUserById(db: UserDb, id: string): Promise<User | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: UserDb, email: string): Promise<User | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.email, email));
  return row;
}

/** The stored password hash of an account, for checking a password; nothing else reads it. */
export async function findPasswordHash(db: UserDb, email: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return row?.passwordHash;
}

export interface UserListQuery {
  role?: string | undefined;
  status?: UserStatus | undefined;
  /** Position of the last row of the previous page: newest first, `(createdAt, id)` descending. */
  after?: readonly [createdAt: string, id: string] | undefined;
  /** Rows to fetch (callers ask for one more than they show, to know whether a next page exists). */
  take: number;
}

export async function listUsers(db: UserDb, query: UserListQuery): Promise<User[]> {
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
