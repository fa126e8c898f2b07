import { methodTokenOf, touchPayment, unsettledPayments } from '../db/payments.repo.js';
import type { ProviderName } from '../domain/payment-enums.js';
import { applyProviderFacts } from './apply-provider-facts.js';
import { authorizeAtProvider } from './authorize-at-provider.js';
import type { PaymentDeps } from './deps.js';

/**
 * Settles payments the webhooks left behind: a payment still pending (or
 * authorised while its provider captures automatically) after `olderThanMs`
 * is asked of its provider. One cut short before the provider answered is
 * authorised again with the same idempotency key (the provider returns the
 * first attempt, never a second charge); one with a reference gets what the
 * provider says happened. Each check touches the payment, so a payment the
 * provider is still working on is looked at once per period, not in a loop.
 */
export async function reconcilePayments(
  deps: PaymentDeps,
  options: { olderThanMs: number; take?: number },
): Promise<{ checked: number }> {
  const due = await unsettledPayments(
    deps.db,
    new Date(Date.now() - options.olderThanMs),
    options.take ?? 50,
  );
  for (const payment of due) {
    const provider = deps.providers.get(payment.provider as ProviderName);
    if (!provider) continue;
    try {
      if (!payment.providerReference) {
        const token = await methodTokenOf(deps.db, payment.id);
        if (token) await authorizeAtProvider(deps, undefined, payment, token);
      } else {
        const outcome = await provider.retrieve(payment.providerReference);
        await deps.db.transaction((tx) => applyProviderFacts(deps, tx, undefined, payment.id, outcome.facts));
      }
    } catch (error) {
      deps.logger.warn({ err: error, paymentId: payment.id }, 'payment reconciliation failed');
    } finally {
      await touchPayment(deps.db, payment.id);
    }
  }
  if (due.length > 0) deps.logger.info({ checked: due.length }, 'payments reconciled');
  return { checked: due.length };
}
