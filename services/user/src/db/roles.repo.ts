import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { UserExecutor } from './database.js';
import { roles } from './schema.js';

export type RoleRow = typeof roles.$inferSelect;

export async function listCustomRoles(db: UserExecutor): Promise<RoleRow[]> {
  return db.select().from(roles).orderBy(asc(roles.name));
}

export async function findCustomRole(db: UserExecutor, name: string): Promise<RoleRow | undefined> {
  const [row] = await db.select().from(roles).where(eq(roles.name, name));
  return row;
}

/** The permissions of the custom roles among `names`. */
export async function customRolePermissions(
  db: UserExecutor,
  names: readonly string[],
): Promise<Map<string, string[]>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .select({ name: roles.name, permissions: roles.permissions })
    .from(roles)
    .where(inArray(roles.name, [...names]));
  return new Map(rows.map((row) => [row.name, row.permissions]));
}

/** Inserts unless the name is taken; returns undefined when it was. */
export async function insertRole(
  db: UserExecutor,
  role: { name: string; description: string; permissions: string[] },
): Promise<RoleRow | undefined> {
  const [row] = await db.insert(roles).values(role).onConflictDoNothing().returning();
  return row;
}

export async function updateRole(
  db: UserExecutor,
  name: string,
  patch: { description?: string; permissions?: string[] },
): Promise<RoleRow | undefined> {
  const [row] = await db
    .update(roles)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(roles.name, name))
    .returning();
  return row;
}

export async function deleteRole(db: UserExecutor, name: string): Promise<boolean> {
  const rows = await db.delete(roles).where(eq(roles.name, name)).returning({ name: roles.name });
  return rows.length > 0;
}
