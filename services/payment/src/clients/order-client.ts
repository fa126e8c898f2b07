import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ServiceClient } from '@emporium/platform/resilience/service-client';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { paymentErrors } from '../domain/errors.js';

/** What a payment needs of an order; the order service's answer has more, which is ignored. */
const PayableOrder = Type.Object({
  id: Type.String(),
  status: Type.String(),
  customerId: Type.Union([Type.String(), Type.Null()]),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  totalMinor: Type.Integer({ minimum: 0 }),
});

export interface PayableOrder {
  id: string;
  status: string;
  customerId: string | null;
  currency: string;
  totalMinor: number;
}

export type OrderLookup = (ctx: RequestContext, orderId: string) => Promise<PayableOrder>;

/**
 * Reads an order from the order service with the caller's own credentials,
 * so the order service applies its ownership rule too. The amount to charge
 * comes from here, never from the client.
 */
export function createOrderLookup(client: ServiceClient): OrderLookup {
  return async (ctx, orderId) => {
    const response = await client.call(ctx, { method: 'GET', path: `/api/v1/orders/${orderId}` });
    if (response.status === 404 || response.status === 403) {
      throw paymentErrors.ORDER_NOT_FOUND(`no order ${orderId} this caller can pay`);
    }
    if (response.status !== 200 || !Value.Check(PayableOrder, response.body)) {
      throw paymentErrors.ORDER_LOOKUP_FAILED(`the order service answered ${response.status}`);
    }
    const { id, status, customerId, currency, totalMinor } = response.body;
    return { id, status, customerId, currency, totalMinor };
  };
}
