import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ServiceClient } from '@emporium/platform/resilience/service-client';
import type { ServiceCredentials } from './service-credentials.js';
import { problemCodeOf, unexpected } from './upstream-answer.js';

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

export type ReserveOutcome =
  | { kind: 'held'; expiresAt: Date }
  | { kind: 'short'; shortages: Shortage[] }
  /** The order id already has a reservation that no longer holds anything (released, expired, committed). */
  | { kind: 'not_held'; status: string };

export type CommitOutcome = { kind: 'committed' } | { kind: 'refused'; code: string };

export type ReleaseOutcome = { kind: 'released' } | { kind: 'nothing_held' } | { kind: 'already_committed' };

export interface InventoryClient {
  /** Units that can still be sold, summed over warehouses; undefined for a SKU inventory does not know. */
  available(ctx: RequestContext, sku: string): Promise<number | undefined>;
  reserve(
    ctx: RequestContext,
    input: { orderId: string; lines: Array<{ sku: string; quantity: number }>; ttlSeconds: number },
  ): Promise<ReserveOutcome>;
  commit(ctx: RequestContext, orderId: string): Promise<CommitOutcome>;
  release(
    ctx: RequestContext,
    orderId: string,
    reason: 'order_cancelled' | 'payment_failed',
  ): Promise<ReleaseOutcome>;
}

/**
 * The inventory service's reservations API. Holding, committing and
 * releasing are the order service's acts (`inventory:reserve`): they go with
 * its own credential, and are retried freely because inventory makes each
 * idempotent on the order id.
 */
export function createInventoryClient(
  client: ServiceClient,
  credentials: ServiceCredentials,
): InventoryClient {
  const asService = (ctx: RequestContext, path: string, body: unknown) => {
    const { ctx: serviceCtx, headers } = credentials.asService(ctx);
    return client.call<Record<string, unknown>>(serviceCtx, {
      method: 'POST',
      path,
      body,
      headers,
      idempotent: true,
    });
  };
  const reservationPath = (orderId: string) =>
    `/api/v1/inventory/reservations/${encodeURIComponent(orderId)}`;

  return {
    async available(ctx, sku) {
      const response = await client.call<{ available: number }>(ctx, {
        method: 'GET',
        path: `/api/v1/inventory/${encodeURIComponent(sku)}`,
      });
      if (response.status === 200) return response.body.available;
      if (response.status === 404) return undefined;
      throw unexpected('inventory', response);
    },

    async reserve(ctx, input) {
      const response = await asService(ctx, '/api/v1/inventory/reservations', input);
      if (response.status === 200 || response.status === 201) {
        const body = response.body as { status?: string; expiresAt?: string };
        if (body.status !== 'held') return { kind: 'not_held', status: String(body.status) };
        return { kind: 'held', expiresAt: new Date(String(body.expiresAt)) };
      }
      if (response.status === 409 && problemCodeOf(response) === 'INSUFFICIENT_STOCK') {
        const shortages = (response.body as { shortages?: Shortage[] }).shortages ?? [];
        return { kind: 'short', shortages };
      }
      throw unexpected('inventory', response);
    },

    async commit(ctx, orderId) {
      const response = await asService(ctx, `${reservationPath(orderId)}/commit`, {});
      if (response.status === 200) return { kind: 'committed' };
      // Released, expired or never made: the stock is not ours to sell.
      if (response.status === 404 || response.status === 409) {
        return { kind: 'refused', code: problemCodeOf(response) ?? String(response.status) };
      }
      throw unexpected('inventory', response);
    },

    async release(ctx, orderId, reason) {
      const response = await asService(ctx, `${reservationPath(orderId)}/release`, { reason });
      if (response.status === 200) return { kind: 'released' };
      if (response.status === 404) return { kind: 'nothing_held' };
      if (response.status === 409 && problemCodeOf(response) === 'RESERVATION_COMMITTED') {
        return { kind: 'already_committed' };
      }
      throw unexpected('inventory', response);
    },
  };
}
