import type { NotificationExecutor } from '../../db/database.js';
import { type DeliveryRow, type NewDelivery, recordDeliveries } from '../../db/deliveries.repo.js';
import { storedPreferences } from '../../db/preferences.repo.js';
import { pushSubscriptionsOf } from '../../db/push-subscriptions.repo.js';
import { notificationErrors } from '../../domain/errors.js';
import { categoryOf, type MessageKind } from '../../domain/message-kinds.js';
import { allows } from '../../domain/preferences.js';
import { renderTemplate, type TemplateData } from '../../domain/render-template.js';
import type { NotificationDeps } from '../deps.js';

export interface MessageRequest {
  /** The event that asks for the message: with channel and recipient, the key that keeps it unique. */
  eventId: string;
  kind: MessageKind;
  /** The account it concerns; null for a guest or an admin alert (defaults apply). */
  userId: string | null;
  email: string | null;
  phone?: string | null | undefined;
  locale: string;
  data: TemplateData;
  /** Where a push notification opens. */
  url: string;
}

/**
 * Renders a message and queues it on every channel the recipient allows, in
 * `tx` (the consumer's transaction): the delivery rows commit with the
 * event's inbox row, and the dispatcher sends them after commit. Email of a
 * transactional message always goes; SMS and push only for templates with a
 * one-line `short` version, to a known number or subscribed browser.
 */
export async function queueMessage(
  deps: Pick<NotificationDeps, 'templates' | 'defaultLocale'>,
  tx: NotificationExecutor,
  request: MessageRequest,
): Promise<DeliveryRow[]> {
  const resolved = deps.templates.resolve(request.kind, request.locale);
  if (!resolved) throw notificationErrors.TEMPLATE_NOT_FOUND(`no template "${request.kind}"`);
  const rendered = renderTemplate(resolved.source, request.data);
  const category = categoryOf(request.kind);
  const stored = request.userId ? await storedPreferences(tx, request.userId) : [];
  const base = {
    template: request.kind,
    category,
    locale: resolved.locale,
    eventId: request.eventId,
    userId: request.userId,
  };
  const rows: NewDelivery[] = [];
  if (request.email && allows(stored, 'email', category)) {
    rows.push({
      ...base,
      channel: 'email',
      recipient: request.email.toLowerCase(),
      subject: rendered.subject,
      content: { kind: 'email', subject: rendered.subject, html: rendered.html, text: rendered.text },
    });
  }
  if (rendered.short && request.phone && allows(stored, 'sms', category)) {
    rows.push({
      ...base,
      channel: 'sms',
      recipient: request.phone,
      subject: null,
      content: { kind: 'sms', text: rendered.short },
    });
  }
  if (rendered.short && request.userId && allows(stored, 'push', category)) {
    for (const subscription of await pushSubscriptionsOf(tx, request.userId)) {
      rows.push({
        ...base,
        channel: 'push',
        recipient: subscription.endpoint,
        subject: rendered.subject,
        content: { kind: 'push', title: rendered.subject, body: rendered.short, url: request.url },
      });
    }
  }
  return recordDeliveries(tx, rows);
}

/** Whether live (WebSocket) updates of this kind of message may reach the user. */
export async function allowsLive(
  tx: NotificationExecutor,
  userId: string,
  kind: MessageKind,
): Promise<boolean> {
  return allows(await storedPreferences(tx, userId), 'websocket', categoryOf(kind));
}
