import { pageOf } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { categories, channels, deliveryStatuses } from '../domain/channels.js';

export const Uuid = Type.String({ format: 'uuid' });
export const UserId = Type.String({ minLength: 1, maxLength: 128 });
export const Channel = Type.Enum(channels);
export const Category = Type.Enum(categories);
export const DeliveryStatus = Type.Enum(deliveryStatuses);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const Preference = Type.Object(
  { channel: Channel, category: Category, enabled: Type.Boolean() },
  { additionalProperties: false },
);

export const PreferencesView = Type.Object(
  { userId: UserId, preferences: Type.Array(Preference) },
  { additionalProperties: false },
);

export const Delivery = Type.Object(
  {
    id: Uuid,
    channel: Channel,
    recipient: Type.String(),
    template: Type.String(),
    category: Category,
    locale: Type.String(),
    subject: Nullable(Type.String()),
    status: DeliveryStatus,
    attempts: Type.Integer(),
    error: Nullable(Type.String()),
    eventId: Nullable(Uuid),
    userId: Nullable(UserId),
    createdAt: DateTime,
    /** When a queued message is tried next; null once sent or failed. */
    nextAttemptAt: Nullable(DateTime),
    sentAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);

export const DeliveryPage = pageOf(Delivery);
/** @deprecated name kept for the outbox route; same shape as `DeliveryPage`. */
export const OutboxPage = DeliveryPage;

export const Mail = Type.Object(
  {
    id: Uuid,
    messageId: Nullable(Type.String()),
    from: Type.String(),
    to: Type.Array(Type.String()),
    subject: Type.String(),
    text: Nullable(Type.String()),
    html: Nullable(Type.String()),
    size: Type.Integer(),
    receivedAt: DateTime,
  },
  { additionalProperties: false },
);

export const MailPage = pageOf(Mail);

export const PushSubscriptionBody = Type.Object(
  {
    endpoint: Type.String({ format: 'uri', maxLength: 2_048 }),
    /** Browsers send `expirationTime` (usually null) in PushSubscription.toJSON(); it is accepted and ignored. */
    expirationTime: Type.Optional(Nullable(Type.Number())),
    keys: Type.Object(
      {
        p256dh: Type.String({ pattern: '^[A-Za-z0-9_-]+={0,2}$', minLength: 80, maxLength: 100 }),
        auth: Type.String({ pattern: '^[A-Za-z0-9_-]+={0,2}$', minLength: 16, maxLength: 32 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const PushSubscriptionView = Type.Object(
  { id: Uuid, endpoint: Type.String(), createdAt: DateTime },
  { additionalProperties: false },
);

export const TemplateName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 64 });
export const Locale = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });
