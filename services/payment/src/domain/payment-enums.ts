/** What can happen to a payment at its provider: one ledger row each. */
export const transactionKinds = ['authorization', 'capture', 'refund', 'failure', 'void'] as const;
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
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
