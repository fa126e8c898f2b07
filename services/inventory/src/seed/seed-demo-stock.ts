import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { insertStockIfAbsent } from '../db/stock.repo.js';
import { insertWarehouse } from '../db/warehouses.repo.js';
import type { InventoryDeps } from '../use-cases/deps.js';

/** Loads the demo warehouses and stock levels; rows that exist are kept, so it is safe on every start. */
export async function seedDemoStock(
  deps: InventoryDeps,
  demo: DemoData,
  progress: (message: string) => void,
) {
  for (const warehouse of demo.catalog.warehouses) await insertWarehouse(deps.db, warehouse);
  const levels = demo.catalog.products.flatMap((product) =>
    product.variants.flatMap((variant) =>
      Object.entries(variant.stock).map(([warehouseId, onHand]) => ({
        sku: variant.sku,
        warehouseId,
        onHand,
        lowStockThreshold: deps.settings.defaultLowStockThreshold,
      })),
    ),
  );
  let inserted = 0;
  for (let i = 0; i < levels.length; i += 1_000) {
    inserted += await insertStockIfAbsent(deps.db, levels.slice(i, i + 1_000));
  }
  progress(`inventory: ${inserted} stock levels in ${demo.catalog.warehouses.length} warehouses`);
}
