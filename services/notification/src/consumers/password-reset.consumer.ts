import { userPasswordResetRequested } from '@emporium/contracts/events/user-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { formatDate, usableLocale } from '../domain/wording.js';
import type { NotificationDeps } from '../use-cases/deps.js';
import { queueMessage } from '../use-cases/steps/queue-message.js';

/** Emails the reset link; the link holds a one-time token, so it is sent and never logged. */
export function subscribePasswordReset(deps: NotificationDeps, events: EventRuntime): void {
  events.subscribe(userPasswordResetRequested, async (event, { tx }) => {
    const request = event.data;
    const locale = usableLocale(request.locale, deps.defaultLocale);
    await queueMessage(deps, tx, {
      eventId: event.id,
      kind: 'password-reset',
      userId: request.userId,
      email: request.email,
      locale,
      data: {
        name: request.name,
        resetUrl: request.resetUrl,
        expiresAt: formatDate(request.expiresAt, locale),
      },
      url: deps.shopUrl,
    });
  });
}
