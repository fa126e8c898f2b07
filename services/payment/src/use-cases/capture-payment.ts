import type { RequestContext } from '@emporium/platform/http/request-context';
import { findPayment } from '../db/payments.repo.js';
import { transactionsOf } from '../db/transactions.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { summarizeLedger } from '../domain/ledger.js';
import type { PaymentDetail } from '../domain/payment.js';
import type { ProviderName } from '../domain/payment-enums.js';
import type { ProviderOutcome } from '../providers/payment-provider.js';
import { applyProviderFacts } from './apply-provider-facts.js';
import type { PaymentDeps } from './deps.js';
import { getPayment } from './get-payment.js';
import { providerProblem } from './provider-errors.js';

/**
 * Captures an authorised payment (manual capture): all of what was
 * authorised unless an amount is given. The capture's ledger row, from the
 * provider's answer or its webhook, brings `payment.completed`.
 */
export async function capturePayment(
  deps: PaymentDeps,
  ctx: RequestContext,
  input: { paymentId: string; amountMinor?: number | undefined },
): Promise<PaymentDetail> {
  const payment = await findPayment(deps.db, input.paymentId);
  if (!payment) throw paymentErrors.PAYMENT_NOT_FOUND(`no payment with id ${input.paymentId}`);
  const ledger = await transactionsOf(deps.db, payment.id);
  const summary = summarizeLedger(ledger);
  if (summary.status !== 'authorized' || !payment.providerReference) {
    throw paymentErrors.PAYMENT_NOT_CAPTURABLE(`the payment is ${summary.status}`);
  }
  const amountMinor = input.amountMinor ?? summary.authorizedMinor;
  if (amountMinor > summary.authorizedMinor) {
    throw paymentErrors.AMOUNT_EXCEEDS_PAYMENT(`only ${summary.authorizedMinor} was authorised`);
  }
  const provider = deps.providers.get(payment.provider as ProviderName);
  if (!provider)
    throw paymentErrors.PROVIDER_NOT_AVAILABLE(`"${payment.provider}" is not configured on this shop`);
  let outcome: ProviderOutcome;
  try {
    outcome = await provider.capture({
      paymentId: payment.id,
      reference: payment.providerReference,
      authorizationReference: ledger.find((row) => row.kind === 'authorization')?.providerReference ?? null,
      amountMinor,
      currency: payment.currency,
      idempotencyKey: `capture-${payment.id}`,
    });
  } catch (error) {
    throw providerProblem(error);
  }
  await deps.db.transaction((tx) => applyProviderFacts(deps, tx, ctx.trace, payment.id, outcome.facts));
  ctx.logger.info({ paymentId: payment.id, amountMinor }, 'payment captured');
  return getPayment(deps, payment.id);
}
