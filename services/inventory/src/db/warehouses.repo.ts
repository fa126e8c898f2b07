import { asc, eq } from 'drizzle-orm';
import type { InventoryDb, InventoryExecutor } from './database.js';
import { warehouses } from './schema.js';

export type WarehouseRow = typeof warehouses.$inferSelect;

export async function listWarehouses(db: InventoryDb): Promise<WarehouseRow[]> {
  return db.select().from(warehouses).orderBy(asc(warehouses.id));
}

export async function findWarehouse(db: InventoryExecutor, id: string): Promise<WarehouseRow | undefined> {
  const [row] = await db.select().from(warehouses).where(eq(warehouses.id, id));
  return row;
}

/** Inserts unless the id is taken; returns undefined when it was. */
export async function insertWarehouse(
  db: InventoryExecutor,
  warehouse: { id: string; name: string; country: string | null },
): Promise<WarehouseRow | undefined> {
  const [row] = await db.insert(warehouses).values(warehouse).onConflictDoNothing().returning();
  return row;
}
