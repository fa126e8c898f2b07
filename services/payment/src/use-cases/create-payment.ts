import { canReach, type Principal } from '@emporium/platform/auth/principal';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { findPaymentByIdempotencyKey, insertPayment } from '../db/payments.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { requestFingerprint, scopedKey, uniqueViolationOf } from '../domain/idempotency.js';
import type { Payment, PaymentDetail } from '../domain/payment.js';
import type { ProviderName } from '../domain/payment-enums.js';
import { announceInitiated } from './announce-payment.js';
import { authorizeAtProvider } from './authorize-at-provider.js';
import type { PaymentDeps } from './deps.js';
import { getPayment } from './get-payment.js';

export interface CreatePaymentInput {
  principal: Principal;
  idempotencyKey: string;
  orderId: string;
  provider: ProviderName;
  method: { type: 'card'; token: string };
}

/**
 * Pays an order: the amount and currency come from the order service (asked
 * with the caller's credentials), never from the client, and only an order
 * awaiting payment is charged. The payment is written with
 * `payment.initiated` before the provider is called, so a webhook that beats
 * the provider's answer finds it. The same `Idempotency-Key` returns the same
 * payment (resuming one cut short before the provider answered); with
 * another body it is refused.
 */
export async function createPayment(
  deps: PaymentDeps,
  ctx: RequestContext,
  input: CreatePaymentInput,
): Promise<{ payment: PaymentDetail; replayed: boolean }> {
  const key = scopedKey(input.principal.subject, input.idempotencyKey);
  const fingerprint = requestFingerprint([
    input.orderId,
    input.provider,
    input.method.type,
    input.method.token,
  ]);

  const replay = async (): Promise<{ payment: PaymentDetail; replayed: boolean } | undefined> => {
    const earlier = await findPaymentByIdempotencyKey(deps.db, key);
    if (!earlier) return undefined;
    if (earlier.requestFingerprint !== fingerprint) {
      throw paymentErrors.IDEMPOTENCY_KEY_REUSED('the key was first used for another payment request');
    }
    if (earlier.payment.status === 'pending' && !earlier.payment.providerReference) {
      await authorizeAtProvider(deps, ctx.trace, earlier.payment, input.method.token);
    }
    return { payment: await getPayment(deps, earlier.payment.id), replayed: true };
  };

  const replayed = await replay();
  if (replayed) return replayed;
  if (!deps.providers.has(input.provider)) {
    throw paymentErrors.PROVIDER_NOT_AVAILABLE(`"${input.provider}" is not configured on this shop`);
  }
  const order = await deps.orders(ctx, input.orderId);
  if (!canReach(input.principal, order.customerId, 'orders:read:any')) {
    throw paymentErrors.ORDER_NOT_FOUND(`no order ${input.orderId} this caller can pay`);
  }
  if (order.status !== 'pending_payment') {
    throw paymentErrors.ORDER_NOT_PAYABLE(`the order is ${order.status}`, { orderStatus: order.status });
  }
  if (order.totalMinor <= 0) throw paymentErrors.ORDER_NOT_PAYABLE('the order has nothing to pay');

  let payment: Payment;
  try {
    payment = await deps.db.transaction(async (tx) => {
      const created = await insertPayment(tx, {
        orderId: order.id,
        customerId: order.customerId,
        provider: input.provider,
        amountMinor: order.totalMinor,
        currency: order.currency,
        providerReference: null,
        idempotencyKey: key,
        requestFingerprint: fingerprint,
        captureMethod: deps.captureMethod,
        methodToken: input.method.token,
      });
      await announceInitiated(deps, tx, ctx.trace, created);
      return created;
    });
  } catch (error) {
    const constraint = uniqueViolationOf(error);
    // The same key raced in twice: the loser answers with the winner's payment.
    if (constraint === 'payments_idempotency_key_key') return (await replay())!;
    if (constraint === 'payments_live_order_key') {
      throw paymentErrors.PAYMENT_IN_PROGRESS('pay again only once the earlier payment failed');
    }
    throw error;
  }
  deps.metrics.paymentsCreated.inc({ provider: input.provider });
  ctx.logger.info({ paymentId: payment.id, orderId: order.id, provider: input.provider }, 'payment created');
  await authorizeAtProvider(deps, ctx.trace, payment, input.method.token);
  return { payment: await getPayment(deps, payment.id), replayed: false };
}
