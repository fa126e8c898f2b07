import {
  inventoryLowStock,
  inventoryOutOfStock,
  inventoryReservationFailed,
} from '@emporium/contracts/events/inventory-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { NotificationDeps } from '../use-cases/deps.js';
import { queueMessage } from '../use-cases/steps/queue-message.js';

/**
 * Stock alerts for staff: low and out of stock by email to each configured
 * admin address and live to every staff socket; a failed reservation live
 * only (its customer hears through the order.cancelled that follows).
 */
export function subscribeStockAlerts(deps: NotificationDeps, events: EventRuntime): void {
  const inventoryUrl = (sku: string) =>
    `${deps.shopUrl.replace(/\/+$/, '')}/admin/inventory/${encodeURIComponent(sku)}`;

  events.subscribe([inventoryLowStock, inventoryOutOfStock], async (event, { tx }) => {
    const alert = event.data;
    const data = {
      sku: alert.sku,
      warehouseId: alert.warehouseId,
      inventoryUrl: inventoryUrl(alert.sku),
      ...('threshold' in alert ? { available: alert.available, threshold: alert.threshold } : {}),
    };
    for (const email of deps.adminEmails) {
      await queueMessage(deps, tx, {
        eventId: event.id,
        kind: event.type === 'inventory.low_stock' ? 'low-stock' : 'out-of-stock',
        userId: null,
        email,
        locale: deps.defaultLocale,
        data,
        url: data.inventoryUrl,
      });
    }
    deps.live.toStaff({ type: event.type, eventId: event.id, data: { ...alert } });
  });

  events.subscribe(inventoryReservationFailed, async (event) => {
    deps.live.toStaff({ type: event.type, eventId: event.id, data: { ...event.data } });
  });
}
