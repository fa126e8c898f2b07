export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
}

export interface StockView {
  sku: string;
  available: number;
  onHand: number;
  reserved: number;
  warehouses: Array<StockLevel & { available: number }>;
}

/** What can still be sold: on hand minus what open orders hold. Never negative. */
export function availableOf(level: Pick<StockLevel, 'onHand' | 'reserved'>): number {
  return Math.max(0, level.onHand - level.reserved);
}

export function stockViewOf(sku: string, levels: StockLevel[]): StockView {
  const warehouses = levels.map((level) => ({ ...level, available: availableOf(level) }));
  return {
    sku,
    available: warehouses.reduce((sum, w) => sum + w.available, 0),
    onHand: warehouses.reduce((sum, w) => sum + w.onHand, 0),
    reserved: warehouses.reduce((sum, w) => sum + w.reserved, 0),
    warehouses,
  };
}
