import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import { hasPermission } from '@emporium/platform/auth/principal';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { paymentErrors } from '../domain/errors.js';
import { createPayment } from '../use-cases/create-payment.js';
import type { PaymentDeps } from '../use-cases/deps.js';
import { getPayment } from '../use-cases/get-payment.js';
import { listPayments } from '../use-cases/list-payments.js';
import {
  CreatePaymentBody,
  IdempotencyHeaders,
  PaymentId,
  PaymentSummary,
  PaymentView,
  toPaymentSummary,
  toPaymentView,
} from './schemas.js';

/**
 * Paying for an order and reading payments. A customer sees the payments of
 * their own orders; `payments:read:any` (support, admin) sees every one.
 */
export function paymentsRoutes(app: HttpApp, deps: PaymentDeps): void {
  app.post(
    '/api/v1/payments',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['payments'],
        headers: IdempotencyHeaders,
        body: CreatePaymentBody,
        response: { 201: PaymentView },
      },
    },
    async (request, reply) => {
      const idempotencyKey = request.headers['idempotency-key'];
      if (!idempotencyKey) throw paymentErrors.IDEMPOTENCY_KEY_REQUIRED();
      const { payment, replayed } = await createPayment(deps, request.ctx, {
        principal: request.principal!,
        idempotencyKey,
        ...request.body,
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(toPaymentView(payment));
    },
  );

  app.get(
    '/api/v1/payments',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['payments'],
        querystring: Type.Object(
          {
            ...pageQuery,
            orderId: Type.Optional(Type.String({ format: 'uuid' })),
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(PaymentSummary) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const customerId = hasPermission(principal, 'payments:read:any')
        ? request.query.customerId
        : principal.subject;
      const page = await listPayments(deps, { ...request.query, customerId });
      return { items: page.items.map(toPaymentSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/payments/:id',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['payments'],
        params: Type.Object({ id: PaymentId }, { additionalProperties: false }),
        response: { 200: PaymentView },
      },
    },
    async (request) => toPaymentView(await getPayment(deps, request.params.id, request.principal)),
  );
}
