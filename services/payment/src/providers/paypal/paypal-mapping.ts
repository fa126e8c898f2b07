import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { LedgerFact, ProviderWebhook } from '../payment-provider.js';
import { WebhookVerificationError } from '../payment-provider.js';
import { fromPayPalValue } from './paypal-money.js';

const Money = Type.Object({ currency_code: Type.String({ pattern: '^[A-Z]{3}$' }), value: Type.String() });
const Link = Type.Object({ href: Type.String(), rel: Type.String() });
const RelatedIds = Type.Object({
  order_id: Type.Optional(Type.String()),
  authorization_id: Type.Optional(Type.String()),
});

const Capture = Type.Object({
  id: Type.String(),
  status: Type.String(),
  amount: Money,
  custom_id: Type.Optional(Type.String()),
  status_details: Type.Optional(Type.Object({ reason: Type.Optional(Type.String()) })),
  supplementary_data: Type.Optional(Type.Object({ related_ids: Type.Optional(RelatedIds) })),
});
const Authorization = Capture;
const Refund = Type.Object({
  id: Type.String(),
  status: Type.String(),
  amount: Money,
  custom_id: Type.Optional(Type.String()),
  links: Type.Optional(Type.Array(Link)),
});
const Dispute = Type.Object({
  dispute_id: Type.String(),
  dispute_amount: Money,
  disputed_transactions: Type.Optional(
    Type.Array(Type.Object({ seller_transaction_id: Type.Optional(Type.String()) })),
  ),
});
const Order = Type.Object({
  id: Type.String(),
  status: Type.String(),
  purchase_units: Type.Array(
    Type.Object({
      custom_id: Type.Optional(Type.String()),
      amount: Type.Optional(Money),
      payments: Type.Optional(
        Type.Object({
          captures: Type.Optional(Type.Array(Capture)),
          authorizations: Type.Optional(Type.Array(Authorization)),
        }),
      ),
    }),
  ),
});
const WebhookEvent = Type.Object({
  id: Type.String(),
  event_type: Type.String(),
  resource: Type.Record(Type.String(), Type.Unknown()),
});

export type PayPalOrder = Static<typeof Order>;
type PayPalCapture = Static<typeof Capture>;

function parse<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (!Value.Check(schema, value)) throw new WebhookVerificationError('malformed', `not a PayPal ${what}`);
  return value as Static<T>;
}

function fact(
  kind: LedgerFact['kind'],
  factId: string,
  money: Static<typeof Money>,
  reference: string | null,
  extra: Partial<LedgerFact> = {},
): LedgerFact {
  return {
    kind,
    factId: `paypal:${factId}`,
    amountMinor:
      kind === 'failure' || kind === 'void' ? 0 : fromPayPalValue(money.value, money.currency_code),
    currency: money.currency_code,
    reference,
    ...extra,
  };
}

/** A PayPal order holds one authorisation in our flows: its fact hangs on the order id, whatever reported it. */
const authorizationFact = (orderId: string, money: Static<typeof Money>, reference: string) =>
  fact('authorization', `${orderId}:authorization`, money, reference);

const failureFact = (orderId: string, money: Static<typeof Money>, reference: string, reason?: string) =>
  fact('failure', `${orderId}:failure`, money, reference, {
    reasonCode: (reason ?? 'declined').toLowerCase(),
    reason: `PayPal declined the payment${reason ? ` (${reason})` : ''}`,
  });

/** A capture: COMPLETED moves money (and implies the authorisation), PENDING only authorises. */
export function factsOfCapture(orderId: string, capture: PayPalCapture): LedgerFact[] {
  switch (capture.status) {
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return [
        authorizationFact(orderId, capture.amount, capture.id),
        fact('capture', capture.id, capture.amount, capture.id),
      ];
    case 'PENDING':
      return [authorizationFact(orderId, capture.amount, capture.id)];
    case 'DECLINED':
    case 'FAILED':
      return [
        failureFact(orderId, capture.amount, capture.id, capture.status_details?.reason ?? capture.status),
      ];
    default:
      return [];
  }
}

/** A capture object as the Payments API answers it. */
export function factsOfCaptureObject(orderId: string, value: unknown): LedgerFact[] {
  return factsOfCapture(orderId, parse(Capture, value, 'capture'));
}

function factsOfAuthorization(orderId: string, authorization: PayPalCapture): LedgerFact[] {
  switch (authorization.status) {
    case 'CREATED':
    case 'CAPTURED':
    case 'PARTIALLY_CAPTURED':
    case 'PENDING':
      return [authorizationFact(orderId, authorization.amount, authorization.id)];
    case 'VOIDED':
      return [fact('void', `${orderId}:void`, authorization.amount, authorization.id)];
    case 'DENIED':
      return [failureFact(orderId, authorization.amount, authorization.id, 'DENIED')];
    default:
      return [];
  }
}

/** Everything an Orders v2 order shows: its captures and authorisations. */
export function factsOfOrder(value: unknown): { reference: string; facts: LedgerFact[] } {
  const order = parse(Order, value, 'order');
  const payments = order.purchase_units[0]?.payments;
  return {
    reference: order.id,
    facts: [
      ...(payments?.authorizations ?? []).flatMap((a) => factsOfAuthorization(order.id, a)),
      ...(payments?.captures ?? []).flatMap((c) => factsOfCapture(order.id, c)),
    ],
  };
}

export function factsOfPayPalRefund(value: unknown): { refund: Static<typeof Refund>; facts: LedgerFact[] } {
  const refund = parse(Refund, value, 'refund');
  const facts = refund.status === 'COMPLETED' ? [fact('refund', refund.id, refund.amount, refund.id)] : [];
  return { refund, facts };
}

/** The capture a refund belongs to: its `up` link, `/v2/payments/captures/<id>`. */
const captureIdOf = (links: Static<typeof Link>[] | undefined) =>
  links?.find((link) => link.rel === 'up')?.href.match(/\/captures\/([^/?]+)/)?.[1];

/**
 * Maps a verified PayPal webhook to facts. Captures and authorisations name
 * their order (`supplementary_data.related_ids.order_id`, our provider
 * reference) and carry our payment id as `custom_id`; refunds and disputes
 * name the capture.
 */
export function mapPayPalEvent(payload: unknown): Omit<ProviderWebhook, 'payload'> {
  const event = parse(WebhookEvent, payload, 'webhook event');
  const base = { eventId: event.id, type: event.event_type };
  try {
    switch (event.event_type) {
      case 'PAYMENT.CAPTURE.COMPLETED':
      case 'PAYMENT.CAPTURE.PENDING':
      case 'PAYMENT.CAPTURE.DENIED':
      case 'PAYMENT.CAPTURE.DECLINED':
      case 'PAYMENT.AUTHORIZATION.CREATED':
      case 'PAYMENT.AUTHORIZATION.VOIDED': {
        const resource = parse(Capture, event.resource, 'capture or authorization');
        const orderId = resource.supplementary_data?.related_ids?.order_id;
        if (!orderId) throw new WebhookVerificationError('malformed', 'the resource names no order');
        const match = { paymentId: resource.custom_id, providerReference: orderId };
        const facts = event.event_type.startsWith('PAYMENT.CAPTURE.')
          ? factsOfCapture(orderId, resource)
          : factsOfAuthorization(orderId, resource);
        return { ...base, match, facts };
      }
      case 'PAYMENT.CAPTURE.REFUNDED': {
        const { refund, facts } = factsOfPayPalRefund(event.resource);
        return {
          ...base,
          match: { paymentId: refund.custom_id, transactionReference: captureIdOf(refund.links) },
          facts,
        };
      }
      case 'CUSTOMER.DISPUTE.CREATED': {
        const dispute = parse(Dispute, event.resource, 'dispute');
        const capture = dispute.disputed_transactions?.[0]?.seller_transaction_id;
        return {
          ...base,
          match: { transactionReference: capture },
          facts: [fact('dispute', dispute.dispute_id, dispute.dispute_amount, dispute.dispute_id)],
        };
      }
      default:
        return { ...base, match: {}, facts: [] };
    }
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw error;
    throw new WebhookVerificationError(
      'malformed',
      `PayPal ${event.event_type}: ${(error as Error).message}`,
    );
  }
}
