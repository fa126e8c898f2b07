import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { paymentErrors } from '../domain/errors.js';
import type { PaymentDeps } from '../use-cases/deps.js';
import { refundPayment } from '../use-cases/refund-payment.js';
import { IdempotencyHeaders, PaymentId, RefundBody, RefundView, toRefundView } from './schemas.js';

/**
 * Refunds (admin, support with `payments:refund`, or the order service's
 * credential when it cancels a paid order).
 */
export function refundsRoutes(app: HttpApp, deps: PaymentDeps): void {
  app.post(
    '/api/v1/payments/:id/refunds',
    {
      preHandler: requirePermission('payments:refund'),
      schema: {
        tags: ['payments'],
        params: Type.Object({ id: PaymentId }, { additionalProperties: false }),
        headers: IdempotencyHeaders,
        body: RefundBody,
        response: { 201: RefundView },
      },
    },
    async (request, reply) => {
      const idempotencyKey = request.headers['idempotency-key'];
      if (!idempotencyKey) throw paymentErrors.IDEMPOTENCY_KEY_REQUIRED();
      const { refund, replayed } = await refundPayment(deps, request.ctx, {
        principal: request.principal!,
        paymentId: request.params.id,
        idempotencyKey,
        amountMinor: request.body.amount,
        reason: request.body.reason,
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(toRefundView(refund));
    },
  );
}
