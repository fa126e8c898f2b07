import { brandOf, outcomeOfCard, passesLuhn } from './sandbox-cards.js';
import {
  type DeliverySimulation,
  intentView,
  refundView,
  type SandboxIntent,
  type SandboxState,
  sandboxId,
  unixNow,
} from './sandbox-state.js';
import type { WebhookSender } from './sandbox-webhooks.js';

/** An error the sandbox answers with, as a gateway's API does: a status and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Json = Record<string, unknown>;

/**
 * What the sandbox gateway does: tokenise cards, accept payments and decide
 * them later (approve and capture, or decline, as the test card says),
 * capture and refund; every decision is announced by webhook.
 */
export function createSandboxOperations(settings: {
  state: SandboxState;
  webhooks: WebhookSender;
  decisionDelayMs: number;
  disputeDelayMs: number;
}) {
  const { state, webhooks } = settings;

  function tokenize(body: Json) {
    const card = (body.card ?? {}) as Json;
    const number = String(card.number ?? '').replaceAll(/[\s-]/g, '');
    if (!passesLuhn(number)) throw new HttpError(402, 'invalid_number', 'The card number is not valid.');
    const expMonth = Number(card.exp_month);
    const expYear = Number(card.exp_year);
    const now = new Date();
    const expired =
      expYear < now.getUTCFullYear() ||
      (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1);
    if (
      !Number.isInteger(expMonth) ||
      expMonth < 1 ||
      expMonth > 12 ||
      !Number.isInteger(expYear) ||
      expired
    ) {
      throw new HttpError(402, 'invalid_expiry', 'The card has expired or its expiry is not valid.');
    }
    if (!/^\d{3,4}$/.test(String(card.cvc ?? ''))) {
      throw new HttpError(402, 'invalid_cvc', 'The security code is not valid.');
    }
    const simulate = (body.simulate ?? {}) as DeliverySimulation;
    const token = {
      id: sandboxId('tok'),
      outcome: outcomeOfCard(number),
      card: { brand: brandOf(number), last4: number.slice(-4), expMonth, expYear },
      simulate: {
        duplicate: simulate.duplicate === true,
        reverse: simulate.reverse === true,
        beforeResponse: simulate.beforeResponse === true,
        drop: simulate.drop === true,
      },
    };
    state.tokens.set(token.id, token);
    return {
      status: 201,
      body: {
        id: token.id,
        object: 'token',
        card: {
          brand: token.card.brand,
          last4: token.card.last4,
          exp_month: expMonth,
          exp_year: expYear,
        },
      },
    };
  }

  function intentOf(id: string): SandboxIntent {
    const intent = state.intents.get(id);
    if (!intent) throw new HttpError(404, 'resource_missing', `No such payment_intent: ${id}`);
    return intent;
  }

  /** The capture's events, and the dispute the dispute test card earns later. */
  function captureNow(intent: SandboxIntent, amount: number) {
    intent.capture = { id: sandboxId('ch'), amount };
    intent.status = 'succeeded';
    const captured = state.recordEvent(intent.id, 'payment_intent.captured', intentView(intent));
    if (intent.outcome.kind === 'approve' && intent.outcome.disputeLater) {
      webhooks.later(settings.disputeDelayMs, async () => {
        intent.dispute = { id: sandboxId('dp'), amount, reason: 'fraudulent' };
        const dispute = state.recordEvent(intent.id, 'charge.dispute.created', {
          id: intent.dispute.id,
          object: 'dispute',
          payment_intent: intent.id,
          amount,
          currency: intent.currency,
          reason: 'fraudulent',
        });
        await webhooks.send([dispute], intent.simulate);
      });
    }
    return captured;
  }

  /** The gateway makes up its mind: approve (and capture when automatic) or decline. */
  function decide(intent: SandboxIntent) {
    if (intent.outcome.kind === 'decline') {
      intent.status = 'failed';
      intent.failure = { code: intent.outcome.code, message: intent.outcome.message };
      return [state.recordEvent(intent.id, 'payment_intent.payment_failed', intentView(intent))];
    }
    intent.amountAuthorized = intent.amount;
    intent.status = 'requires_capture';
    const events = [state.recordEvent(intent.id, 'payment_intent.authorized', intentView(intent))];
    if (intent.captureMethod === 'automatic') events.push(captureNow(intent, intent.amount));
    return events;
  }

  async function createIntent(body: Json) {
    const token = state.tokens.get(String(body.token ?? ''));
    if (!token) throw new HttpError(400, 'token_invalid', 'No such token.');
    const amount = Number(body.amount);
    const currency = String(body.currency ?? '');
    if (!Number.isSafeInteger(amount) || amount <= 0 || !/^[a-z]{3}$/.test(currency)) {
      throw new HttpError(
        400,
        'parameter_invalid',
        'amount must be a positive integer, currency lower-case ISO',
      );
    }
    const intent: SandboxIntent = {
      id: sandboxId('pi'),
      amount,
      currency,
      captureMethod: body.capture_method === 'manual' ? 'manual' : 'automatic',
      status: 'processing',
      amountAuthorized: 0,
      capture: null,
      refunds: [],
      failure: null,
      dispute: null,
      card: { brand: token.card.brand, last4: token.card.last4 },
      outcome: token.outcome,
      simulate: token.simulate,
      created: unixNow(),
    };
    state.intents.set(intent.id, intent);
    // The answer is the intent as accepted: the outcome only ever travels by webhook.
    const accepted = intentView(intent);
    if (token.simulate.beforeResponse) {
      await webhooks.send(decide(intent), intent.simulate);
    } else {
      webhooks.later(settings.decisionDelayMs, () => webhooks.send(decide(intent), intent.simulate));
    }
    return { status: 201, body: accepted };
  }

  async function capture(id: string, body: Json) {
    const intent = intentOf(id);
    if (intent.status !== 'requires_capture') {
      throw new HttpError(409, 'payment_intent_unexpected_state', `payment_intent is ${intent.status}`);
    }
    const amount = body.amount === undefined ? intent.amountAuthorized : Number(body.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > intent.amountAuthorized) {
      throw new HttpError(400, 'amount_too_large', 'cannot capture more than was authorised');
    }
    const captured = captureNow(intent, amount);
    webhooks.later(settings.decisionDelayMs, () => webhooks.send([captured], intent.simulate));
    return { status: 200, body: intentView(intent) };
  }

  async function refund(body: Json) {
    const intent = intentOf(String(body.payment_intent ?? ''));
    const refunded = intent.refunds.reduce((sum, r) => sum + r.amount, 0);
    const captured = intent.capture?.amount ?? 0;
    const amount = body.amount === undefined ? captured - refunded : Number(body.amount);
    if (
      !Number.isSafeInteger(amount) ||
      amount <= 0 ||
      amount > captured - refunded - (intent.dispute?.amount ?? 0)
    ) {
      throw new HttpError(400, 'amount_too_large', 'cannot refund more than was captured and not refunded');
    }
    const made = {
      id: sandboxId('re'),
      paymentIntent: intent.id,
      amount,
      currency: intent.currency,
      status: 'succeeded' as const,
      created: unixNow(),
    };
    intent.refunds.push(made);
    const event = state.recordEvent(intent.id, 'refund.succeeded', refundView(made));
    webhooks.later(settings.decisionDelayMs, () => webhooks.send([event], intent.simulate));
    return { status: 201, body: refundView(made) };
  }

  return { tokenize, intentOf, createIntent, capture, refund };
}
