import { randomBytes } from 'node:crypto';
import type { CardOutcome } from './sandbox-cards.js';

/**
 * How the sandbox delivers the webhooks of payments made with a token, so
 * tests can ask for the awkward cases on demand: every event twice (at the
 * same time), an outcome's events in reverse order, the events delivered
 * before the API call that started them returns, or never (reconciliation).
 */
export interface DeliverySimulation {
  duplicate?: boolean | undefined;
  reverse?: boolean | undefined;
  beforeResponse?: boolean | undefined;
  drop?: boolean | undefined;
}

export interface SandboxToken {
  id: string;
  outcome: CardOutcome;
  card: { brand: string; last4: string; expMonth: number; expYear: number };
  simulate: DeliverySimulation;
}

export interface SandboxRefund {
  id: string;
  paymentIntent: string;
  amount: number;
  currency: string;
  status: 'succeeded';
  created: number;
}

export interface SandboxIntent {
  id: string;
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'manual';
  status: 'processing' | 'requires_capture' | 'succeeded' | 'failed';
  amountAuthorized: number;
  capture: { id: string; amount: number } | null;
  refunds: SandboxRefund[];
  failure: { code: string; message: string } | null;
  dispute: { id: string; amount: number; reason: string } | null;
  card: { brand: string; last4: string };
  outcome: CardOutcome;
  simulate: DeliverySimulation;
  created: number;
}

export interface SandboxEvent {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
}

export interface EventRecord {
  event: SandboxEvent;
  paymentIntent: string;
  deliveries: Array<{ status: number | 'error'; at: string }>;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `tok_…`, `pi_…`: 24 random base62 characters, as real gateways' ids are.
 * (Hex ids would now and then hold a run of 12 digits, which the payment
 * service refuses in a token as a likely card number.)
 */
export const sandboxId = (prefix: string) =>
  `${prefix}_${Array.from(randomBytes(24), (byte) => alphabet[byte % alphabet.length]).join('')}`;
export const unixNow = () => Math.floor(Date.now() / 1000);

/** The public shape of a payment intent, as the API and the webhooks show it. */
export function intentView(intent: SandboxIntent): Record<string, unknown> {
  return {
    id: intent.id,
    object: 'payment_intent',
    amount: intent.amount,
    currency: intent.currency,
    capture_method: intent.captureMethod,
    status: intent.status,
    amount_authorized: intent.amountAuthorized,
    capture: intent.capture,
    amount_refunded: intent.refunds.reduce((sum, refund) => sum + refund.amount, 0),
    refunds: intent.refunds.map(refundView),
    failure: intent.failure,
    dispute: intent.dispute,
    card: intent.card,
    created: intent.created,
  };
}

export function refundView(refund: SandboxRefund): Record<string, unknown> {
  return {
    id: refund.id,
    object: 'refund',
    payment_intent: refund.paymentIntent,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status,
    created: refund.created,
  };
}

/**
 * Everything the sandbox remembers, in memory: it plays a remote gateway, so
 * none of it lives in the payment service's database. Tokens stand for card
 * numbers, which stay here and never leave.
 */
export class SandboxState {
  readonly tokens = new Map<string, SandboxToken>();
  readonly intents = new Map<string, SandboxIntent>();
  readonly events = new Map<string, EventRecord>();
  /** Idempotency-Key → the answer given the first time. */
  readonly answers = new Map<string, { status: number; body: unknown }>();

  recordEvent(paymentIntent: string, type: string, object: Record<string, unknown>): SandboxEvent {
    const event: SandboxEvent = { id: sandboxId('evt'), type, created: unixNow(), data: { object } };
    this.events.set(event.id, { event, paymentIntent, deliveries: [] });
    return event;
  }
}
