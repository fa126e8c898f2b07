import { defineErrors } from '@emporium/platform/http/errors';

export const paymentErrors = defineErrors({
  PAYMENT_NOT_FOUND: { status: 404, title: 'No such payment' },
  REFUND_EXCEEDS_CAPTURED: { status: 409, title: 'Refunds cannot exceed what was captured' },
  AMOUNT_EXCEEDS_PAYMENT: { status: 409, title: 'Cannot authorise or capture more than the payment amount' },
  VOID_AFTER_CAPTURE: { status: 409, title: 'A captured payment cannot be voided; refund it instead' },
  CURRENCY_MISMATCH: { status: 409, title: "The transaction's currency differs from the payment's" },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'This request needs an Idempotency-Key header' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'This Idempotency-Key was used with a different request body',
  },
  PROVIDER_NOT_AVAILABLE: { status: 422, title: 'This payment provider is not configured here' },
  ORDER_NOT_FOUND: { status: 404, title: 'No such order' },
  ORDER_LOOKUP_FAILED: { status: 502, title: 'The order service did not answer as expected' },
  ORDER_NOT_PAYABLE: { status: 409, title: 'The order is not awaiting payment' },
  PAYMENT_IN_PROGRESS: {
    status: 409,
    title: 'The order already has a payment that has not failed',
  },
  PAYMENT_NOT_CAPTURABLE: { status: 409, title: 'Only an authorised, uncaptured payment can be captured' },
  PROVIDER_UNAVAILABLE: {
    status: 503,
    title: 'The payment provider did not answer; retry with the same Idempotency-Key',
  },
  PROVIDER_REJECTED: { status: 502, title: 'The payment provider refused the request' },
  WEBHOOK_SIGNATURE_INVALID: { status: 400, title: 'The webhook signature does not verify' },
  WEBHOOK_MALFORMED: { status: 400, title: 'The webhook body is not an event this provider sends' },
});
