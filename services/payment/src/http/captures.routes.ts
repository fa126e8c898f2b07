import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { capturePayment } from '../use-cases/capture-payment.js';
import type { PaymentDeps } from '../use-cases/deps.js';
import { CaptureBody, PaymentId, PaymentView, toPaymentView } from './schemas.js';

/** Admin: captures a payment authorised under manual capture (`captureMethod: manual`). */
export function capturesRoutes(app: HttpApp, deps: PaymentDeps): void {
  app.post(
    '/api/v1/payments/:id/capture',
    {
      preHandler: requirePermission('payments:capture'),
      schema: {
        tags: ['payments'],
        params: Type.Object({ id: PaymentId }, { additionalProperties: false }),
        body: CaptureBody,
        response: { 200: PaymentView },
      },
    },
    async (request) =>
      toPaymentView(
        await capturePayment(deps, request.ctx, {
          paymentId: request.params.id,
          amountMinor: request.body.amount,
        }),
      ),
  );
}
