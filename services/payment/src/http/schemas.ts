import { type TSchema, Type } from 'typebox';
import type { Payment, PaymentDetail } from '../domain/payment.js';
import { paymentStatuses, transactionKinds } from '../domain/payment-enums.js';

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
    createdAt: Instant,
  },
  { additionalProperties: false },
);

export const PaymentView = Type.Object(
  {
    ...paymentFields,
    totals: Type.Object(
      { authorizedMinor: Minor, capturedMinor: Minor, refundedMinor: Minor, refundableMinor: Minor },
      { additionalProperties: false },
    ),
    transactions: Type.Array(TransactionView),
  },
  { additionalProperties: false },
);

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
