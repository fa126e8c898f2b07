import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ServiceClient } from '@emporium/platform/resilience/service-client';
import type { ServiceCredentials } from './service-credentials.js';
import { problemCodeOf, unexpected } from './upstream-answer.js';

export type RefundOutcome = { kind: 'refunded' } | { kind: 'refused'; code: string };

export interface PaymentClient {
  /**
   * Refunds `amountMinor` of a payment; the idempotency key makes a repeat
   * return the first refund (so `reason` must be the same on every repeat).
   */
  refund(
    ctx: RequestContext,
    input: { paymentId: string; amountMinor: number; idempotencyKey: string; reason: string },
  ): Promise<RefundOutcome>;
}

/** The payment service's refunds API, called as the order service (`payments:refund`). */
export function createPaymentClient(client: ServiceClient, credentials: ServiceCredentials): PaymentClient {
  return {
    async refund(ctx, input) {
      const { ctx: serviceCtx, headers } = credentials.asService(ctx);
      const response = await client.call(serviceCtx, {
        method: 'POST',
        path: `/api/v1/payments/${encodeURIComponent(input.paymentId)}/refunds`,
        body: { amount: input.amountMinor, reason: input.reason },
        headers: { ...headers, 'idempotency-key': input.idempotencyKey },
        idempotent: true,
      });
      if (response.status === 200 || response.status === 201) return { kind: 'refunded' };
      if (response.status === 404 || response.status === 409 || response.status === 422) {
        return { kind: 'refused', code: problemCodeOf(response) ?? String(response.status) };
      }
      throw unexpected('payment', response);
    },
  };
}
