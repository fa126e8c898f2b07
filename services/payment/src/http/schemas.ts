import { type TSchema, Type } from 'typebox';
import type { Payment, PaymentDetail, Refund } from '../domain/payment.js';
import {
  captureMethods,
  paymentStatuses,
  providerNames,
  refundStatuses,
  transactionKinds,
} from '../domain/payment-enums.js';

export const PaymentId = Type.String({ format: 'uuid' });
const Minor = Type.Integer({ minimum: 0 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const paymentFields = {
  id: PaymentId,
  orderId: Type.String({ format: 'uuid' }),
  customerId: Nullable(Type.String({ format: 'uuid' })),
  provider: Type.String(),
  status: Type.Enum(paymentStatuses),
  amountMinor: Minor,
  currency: Currency,
  providerReference: Nullable(Type.String()),
  captureMethod: Type.Enum(captureMethods),
  createdAt: Instant,
  updatedAt: Instant,
};

export const PaymentSummary = Type.Object(paymentFields, { additionalProperties: false });

const TransactionView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(transactionKinds),
    amountMinor: Minor,
    currency: Currency,
    providerReference: Nullable(Type.String()),
    providerEventId: Nullable(Type.String()),
    reasonCode: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    createdAt: Instant,
  },
  { additionalProperties: false },
);

export const PaymentView = Type.Object(
  {
    ...paymentFields,
    totals: Type.Object(
      {
        authorizedMinor: Minor,
        capturedMinor: Minor,
        refundedMinor: Minor,
        disputedMinor: Minor,
        refundableMinor: Minor,
      },
      { additionalProperties: false },
    ),
    transactions: Type.Array(TransactionView),
  },
  { additionalProperties: false },
);

/** The client's `Idempotency-Key`: required on every call that moves money. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' }),
  ),
});

/**
 * A provider's token for the card (`tok_…`, `pm_…`, a vault id). Never a card
 * number: a run of 12 digits is refused before anything stores or logs it.
 */
const PaymentToken = Type.String({
  minLength: 4,
  maxLength: 255,
  pattern: '^(?!.*[0-9]{12})[A-Za-z0-9_-]+$',
});

export const CreatePaymentBody = Type.Object(
  {
    orderId: Type.String({ format: 'uuid' }),
    provider: Type.Enum(providerNames),
    method: Type.Object({ type: Type.Literal('card'), token: PaymentToken }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'minor units' }),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const CaptureBody = Type.Object(
  { amount: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })) },
  { additionalProperties: false },
);

export const RefundView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    paymentId: PaymentId,
    amountMinor: Minor,
    currency: Currency,
    reason: Nullable(Type.String()),
    status: Type.Enum(refundStatuses),
    providerReference: Nullable(Type.String()),
    failureCode: Nullable(Type.String()),
    transactionId: Nullable(Type.String({ format: 'uuid' })),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { additionalProperties: false },
);

export function toRefundView(refund: Refund) {
  return { ...refund, createdAt: refund.createdAt.toISOString(), updatedAt: refund.updatedAt.toISOString() };
}

export function toPaymentSummary(payment: Payment) {
  return {
    ...payment,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

export function toPaymentView(payment: PaymentDetail) {
  return {
    ...toPaymentSummary(payment),
    totals: payment.totals,
    transactions: payment.transactions.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
  };
}
