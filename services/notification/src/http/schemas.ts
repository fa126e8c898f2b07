import { pageOf } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { categories, channels, deliveryStatuses } from '../domain/channels.js';

export const Uuid = Type.String({ format: 'uuid' });
export const Channel = Type.Enum(channels);
export const Category = Type.Enum(categories);
export const DeliveryStatus = Type.Enum(deliveryStatuses);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const Preference = Type.Object(
  { channel: Channel, category: Category, enabled: Type.Boolean() },
  { additionalProperties: false },
);

export const PreferencesView = Type.Object(
  { userId: Uuid, preferences: Type.Array(Preference) },
  { additionalProperties: false },
);

export const Delivery = Type.Object(
  {
    id: Uuid,
    channel: Channel,
    recipient: Type.String(),
    template: Type.String(),
    locale: Type.String(),
    subject: Nullable(Type.String()),
    status: DeliveryStatus,
    attempts: Type.Integer(),
    error: Nullable(Type.String()),
    eventId: Nullable(Uuid),
    userId: Nullable(Uuid),
    createdAt: Type.String({ format: 'date-time' }),
    sentAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const OutboxPage = pageOf(Delivery);

export const TemplateName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 64 });
export const Locale = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });
