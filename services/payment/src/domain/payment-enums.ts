/**
 * What can happen to a payment at its provider: one ledger row each. A
 * dispute (chargeback) is money the card network took back from the shop.
 */
export const transactionKinds = ['authorization', 'capture', 'refund', 'failure', 'void', 'dispute'] as const;
export type TransactionKind = (typeof transactionKinds)[number];

/** A payment's status is never set by hand: `summarizeLedger` derives it from the ledger. */
export const paymentStatuses = [
  'pending',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'failed',
  'voided',
  'disputed',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** The gateways this service can charge through. */
export const providerNames = ['sandbox', 'stripe', 'paypal'] as const;
export type ProviderName = (typeof providerNames)[number];

/** `automatic`: the provider captures with the authorisation; `manual`: an admin captures later. */
export const captureMethods = ['automatic', 'manual'] as const;
export type CaptureMethod = (typeof captureMethods)[number];

export const refundStatuses = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

/**
 * What became of a received webhook: `applied` to a payment's ledger,
 * `unmatched` (no payment knows the provider reference yet: applied when one
 * does), `deferred` (a fact waits for an earlier one, e.g. a refund before
 * its capture), `ignored` (a type that moves no money), `rejected` (facts
 * that contradict the payment: logged for a human).
 */
export const webhookStatuses = ['applied', 'unmatched', 'deferred', 'ignored', 'rejected'] as const;
export type WebhookStatus = (typeof webhookStatuses)[number];
