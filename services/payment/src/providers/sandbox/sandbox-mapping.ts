import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { LedgerFact, ProviderWebhook } from '../payment-provider.js';
import { WebhookVerificationError } from '../payment-provider.js';

const Amount = Type.Integer({ minimum: 0 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A payment intent as the sandbox shows it (extra members tolerated: gateways add fields). */
const SandboxIntent = Type.Object({
  id: Type.String({ pattern: '^pi_' }),
  object: Type.Literal('payment_intent'),
  currency: Type.String({ pattern: '^[a-z]{3}$' }),
  amount_authorized: Amount,
  capture: Nullable(Type.Object({ id: Type.String(), amount: Amount })),
  refunds: Type.Array(
    Type.Object({ id: Type.String({ pattern: '^re_' }), amount: Amount, status: Type.String() }),
  ),
  failure: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  dispute: Nullable(Type.Object({ id: Type.String(), amount: Amount })),
});
export type SandboxIntentView = Static<typeof SandboxIntent>;

const SandboxRefund = Type.Object({
  id: Type.String({ pattern: '^re_' }),
  object: Type.Literal('refund'),
  payment_intent: Type.String({ pattern: '^pi_' }),
  amount: Amount,
  currency: Type.String({ pattern: '^[a-z]{3}$' }),
  status: Type.String(),
});

const SandboxDispute = Type.Object({
  id: Type.String({ pattern: '^dp_' }),
  object: Type.Literal('dispute'),
  payment_intent: Type.String({ pattern: '^pi_' }),
  amount: Amount,
  currency: Type.String({ pattern: '^[a-z]{3}$' }),
});

const SandboxEvent = Type.Object({
  id: Type.String({ pattern: '^evt_' }),
  type: Type.String(),
  data: Type.Object({ object: Type.Record(Type.String(), Type.Unknown()) }),
});

/** A fact about the sandbox object `reference`; `aspect` tells apart several facts of one object. */
const fact = (
  kind: LedgerFact['kind'],
  reference: string,
  amountMinor: number,
  currency: string,
  aspect?: string,
  extra: Partial<LedgerFact> = {},
): LedgerFact => ({
  kind,
  factId: aspect ? `sandbox:${reference}:${aspect}` : `sandbox:${reference}`,
  amountMinor,
  currency: currency.toUpperCase(),
  reference,
  ...extra,
});

const authorizationOf = (intent: SandboxIntentView): LedgerFact[] =>
  intent.amount_authorized > 0
    ? [fact('authorization', intent.id, intent.amount_authorized, intent.currency, 'authorization')]
    : [];
const captureOf = (intent: SandboxIntentView): LedgerFact[] =>
  intent.capture ? [fact('capture', intent.capture.id, intent.capture.amount, intent.currency)] : [];
const failureOf = (intent: SandboxIntentView): LedgerFact[] =>
  intent.failure
    ? [
        fact('failure', intent.id, 0, intent.currency, 'failure', {
          reasonCode: intent.failure.code,
          reason: intent.failure.message,
        }),
      ]
    : [];

function parse<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (!Value.Check(schema, value)) throw new WebhookVerificationError('malformed', `not a sandbox ${what}`);
  return value as Static<T>;
}

/** Everything the sandbox says happened to an intent (API answers: retrieve, capture). */
export function factsOfSandboxIntent(value: unknown): { reference: string; facts: LedgerFact[] } {
  const intent = parse(SandboxIntent, value, 'payment intent');
  return {
    reference: intent.id,
    facts: [
      ...authorizationOf(intent),
      ...captureOf(intent),
      ...failureOf(intent),
      ...intent.refunds
        .filter((refund) => refund.status === 'succeeded')
        .map((refund) => fact('refund', refund.id, refund.amount, intent.currency)),
      ...(intent.dispute ? [fact('dispute', intent.dispute.id, intent.dispute.amount, intent.currency)] : []),
    ],
  };
}

export function factOfSandboxRefund(value: unknown): LedgerFact {
  const refund = parse(SandboxRefund, value, 'refund');
  return fact('refund', refund.id, refund.amount, refund.currency);
}

/**
 * One webhook, one fact: each event reports only what it is about, so an
 * authorisation and a capture delivered in either order each land once.
 */
export function mapSandboxEvent(payload: unknown): Omit<ProviderWebhook, 'payload'> {
  const event = parse(SandboxEvent, payload, 'event');
  const object = event.data.object;
  const base = { eventId: event.id, type: event.type };
  switch (event.type) {
    case 'payment_intent.authorized':
    case 'payment_intent.captured':
    case 'payment_intent.payment_failed': {
      const intent = parse(SandboxIntent, object, 'payment intent');
      const pick = { authorized: authorizationOf, captured: captureOf, payment_failed: failureOf } as const;
      const facts = pick[event.type.slice('payment_intent.'.length) as keyof typeof pick](intent);
      return { ...base, match: { providerReference: intent.id }, facts };
    }
    case 'refund.succeeded': {
      const refund = parse(SandboxRefund, object, 'refund');
      return {
        ...base,
        match: { providerReference: refund.payment_intent },
        facts: [factOfSandboxRefund(refund)],
      };
    }
    case 'charge.dispute.created': {
      const dispute = parse(SandboxDispute, object, 'dispute');
      return {
        ...base,
        match: { providerReference: dispute.payment_intent },
        facts: [fact('dispute', dispute.id, dispute.amount, dispute.currency)],
      };
    }
    default:
      return { ...base, match: {}, facts: [] };
  }
}
