import type { CaptureMethod, ProviderName, TransactionKind } from '../domain/payment-enums.js';

/**
 * One thing a provider says happened to a payment, ready for the ledger.
 * `factId` names the fact, not the message that reported it
 * (`stripe:pi_1:capture`, `paypal:refund:8X…`), so the API response and the
 * webhook that both report one capture record it once.
 */
export interface LedgerFact {
  kind: TransactionKind;
  factId: string;
  amountMinor: number;
  currency: string;
  /** The provider's id of the object behind the fact (charge, capture, refund, dispute). */
  reference: string | null;
  reasonCode?: string | undefined;
  reason?: string | undefined;
}

/**
 * A provider that reports only the running total refunded on a charge (Stripe's
 * `charge.refunded`): the ledger records what it does not hold yet.
 */
export interface RefundedTotalFact {
  kind: 'refunded_total';
  factId: string;
  totalMinor: number;
  currency: string;
  reference: string | null;
}

export type ProviderFact = LedgerFact | RefundedTotalFact;

/** How a webhook names its payment; the first that finds one wins. */
export interface PaymentMatch {
  /** Our payment id, when the provider echoes metadata we sent. */
  paymentId?: string | undefined;
  /** The provider's reference of the payment (intent, order): stored on `payments.provider_reference`. */
  providerReference?: string | undefined;
  /** The reference of one of the payment's ledger rows (a PayPal capture a refund points at). */
  transactionReference?: string | undefined;
}

/** A webhook whose signature verified, read into facts by the provider's mapping. */
export interface ProviderWebhook {
  eventId: string;
  type: string;
  match: PaymentMatch;
  /** Empty for event types that move no money: the webhook is stored and ignored. */
  facts: ProviderFact[];
  payload: unknown;
}

/** What a provider answered: its reference for the payment, and what it already knows happened. */
export interface ProviderOutcome {
  reference: string;
  facts: ProviderFact[];
}

export interface RefundOutcome {
  /** The provider's refund id. */
  reference: string;
  status: 'succeeded' | 'pending' | 'failed';
  facts: ProviderFact[];
  failureCode?: string | undefined;
}

export interface AuthorizeInput {
  paymentId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  /** The provider's token for the payment method; card numbers never reach this service. */
  token: string;
  captureMethod: CaptureMethod;
  idempotencyKey: string;
}

export interface CaptureInput {
  paymentId: string;
  reference: string;
  /** The ledger's authorisation row reference (a PayPal authorization id). */
  authorizationReference: string | null;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

export interface RefundInput {
  paymentId: string;
  refundId: string;
  reference: string;
  /** The ledger's capture row reference (the charge or capture the money came from). */
  captureReference: string | null;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer;
}

/**
 * A payment gateway. Declines are not errors: they come back as `failure`
 * facts. Transport failures throw `ProviderUnavailableError` (the outcome is
 * unknown; every call carries an idempotency key, so it is safe to repeat);
 * a provider refusing the request itself throws `ProviderRejectedError`.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  authorize(input: AuthorizeInput): Promise<ProviderOutcome>;
  capture(input: CaptureInput): Promise<ProviderOutcome>;
  refund(input: RefundInput): Promise<RefundOutcome>;
  /** The payment as the provider sees it now: what reconciliation uses when webhooks were lost. */
  retrieve(reference: string): Promise<ProviderOutcome>;
  /** Verifies the signature (throws `WebhookVerificationError`) and maps the event to facts. */
  parseWebhook(request: WebhookRequest): Promise<ProviderWebhook>;
  /** What a client needs to tokenise a card with this provider (no secrets). */
  clientSettings(): Record<string, string>;
}

export class ProviderUnavailableError extends Error {
  constructor(
    readonly provider: ProviderName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderUnavailableError';
  }
}

export class ProviderRejectedError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: 'signature' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** A header's single value, whatever Node made of it. */
export function headerOf(headers: WebhookRequest['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
