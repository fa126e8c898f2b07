import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { PaymentDeps } from '../use-cases/deps.js';
import { getPayment } from '../use-cases/get-payment.js';
import { listPayments } from '../use-cases/list-payments.js';
import { PaymentId, PaymentSummary, PaymentView, toPaymentSummary, toPaymentView } from './schemas.js';

/**
 * Reading payments. Admin-only for now: the identity issue lets a customer
 * reach their own payments (by `customerId`) and needs `payments:read:any` for the rest.
 */
export function paymentsRoutes(app: HttpApp, deps: PaymentDeps): void {
  app.get(
    '/api/v1/payments',
    {
      schema: {
        tags: ['payments'],
        querystring: Type.Object(
          { ...pageQuery, orderId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(PaymentSummary) },
      },
    },
    async (request) => {
      const page = await listPayments(deps, request.query);
      return { items: page.items.map(toPaymentSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/payments/:id',
    {
      schema: {
        tags: ['payments'],
        params: Type.Object({ id: PaymentId }, { additionalProperties: false }),
        response: { 200: PaymentView },
      },
    },
    async (request) => toPaymentView(await getPayment(deps, request.params.id)),
  );
}
