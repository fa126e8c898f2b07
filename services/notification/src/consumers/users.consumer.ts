import { userDeleted, userRegistered, userUpdated } from '@emporium/contracts/events/user-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { anonymiseDeliveriesOf } from '../db/deliveries.repo.js';
import { deleteMailTo } from '../db/mailbox.repo.js';
import { forgetCustomerContacts } from '../db/order-contacts.repo.js';
import { deletePreferencesOf, savePreferences } from '../db/preferences.repo.js';
import { deletePushSubscriptionsOf } from '../db/push-subscriptions.repo.js';
import { deleteRecipient, findRecipient, saveRecipient } from '../db/recipients.repo.js';
import { formatDate, usableLocale } from '../domain/wording.js';
import type { NotificationDeps } from '../use-cases/deps.js';
import { queueMessage } from '../use-cases/steps/queue-message.js';

/**
 * Keeps the local copy of who users are (email, name, locale) from the user
 * service's events, and welcomes new accounts: with the verification link
 * when the address still needs confirming.
 */
export function subscribeUsers(deps: NotificationDeps, events: EventRuntime): void {
  events.subscribe(userRegistered, async (event, { tx }) => {
    const user = event.data;
    const locale = usableLocale(user.locale, deps.defaultLocale);
    await saveRecipient(tx, { userId: user.userId, email: user.email, name: user.name, locale });
    if (user.marketingOptIn) {
      await savePreferences(tx, user.userId, [{ channel: 'email', category: 'marketing', enabled: true }]);
    }
    const verifying = user.verificationUrl !== undefined;
    await queueMessage(deps, tx, {
      eventId: event.id,
      kind: verifying ? 'verify-email' : 'welcome',
      userId: user.userId,
      email: user.email,
      locale,
      data: {
        name: user.name,
        shopUrl: deps.shopUrl,
        ...(verifying
          ? {
              verificationUrl: user.verificationUrl,
              expiresAt: user.verificationExpiresAt
                ? formatDate(user.verificationExpiresAt, locale)
                : formatDate(new Date(Date.parse(user.registeredAt) + 86_400_000).toISOString(), locale),
            }
          : {}),
      },
      url: deps.shopUrl,
    });
  });

  events.subscribe(userUpdated, async (event, { tx }) => {
    const user = event.data;
    await saveRecipient(tx, {
      userId: user.userId,
      email: user.email,
      name: user.name,
      locale: usableLocale(user.locale, deps.defaultLocale),
    });
  });

  // Erasure: nothing that names or reaches the person stays behind.
  events.subscribe(userDeleted, async (event, { tx, logger }) => {
    const { userId } = event.data;
    const known = await findRecipient(tx, userId);
    if (known) await deleteMailTo(tx, known.email);
    await deleteRecipient(tx, userId);
    await deletePreferencesOf(tx, userId);
    await deletePushSubscriptionsOf(tx, userId);
    await forgetCustomerContacts(tx, userId);
    await anonymiseDeliveriesOf(tx, userId);
    logger.info({ userId }, 'user erased from notifications');
  });
}
