import { defineErrors } from '@emporium/platform/http/errors';

export const paymentErrors = defineErrors({
  PAYMENT_NOT_FOUND: { status: 404, title: 'No such payment' },
  REFUND_EXCEEDS_CAPTURED: { status: 409, title: 'Refunds cannot exceed what was captured' },
  AMOUNT_EXCEEDS_PAYMENT: { status: 409, title: 'Cannot authorise or capture more than the payment amount' },
  VOID_AFTER_CAPTURE: { status: 409, title: 'A captured payment cannot be voided; refund it instead' },
  CURRENCY_MISMATCH: { status: 409, title: "The transaction's currency differs from the payment's" },
});
