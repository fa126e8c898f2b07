import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Email, Id, Timestamp } from './shared-schemas.js';

const profile = {
  userId: Id,
  email: Email,
  name: Type.String({ minLength: 1 }),
  locale: Type.String({ description: 'BCP 47 tag, e.g. "en-GB"' }),
};

export const userRegistered = defineEvent({
  type: 'user.registered',
  version: 1,
  producer: 'user',
  consumers: ['notification', 'analytics'],
  description: 'A customer account was created. Subject: user id.',
  payload: Type.Object(
    {
      ...profile,
      marketingOptIn: Type.Boolean(),
      registeredAt: Timestamp,
      verificationUrl: Type.Optional(
        Type.String({
          format: 'uri',
          description:
            'Link that verifies the email address; holds a one-time token (only its hash is stored): ' +
            'consumers send it and never log it. Absent when the address is verified already (OAuth sign-up).',
        }),
      ),
      verificationExpiresAt: Type.Optional(Timestamp),
    },
    { additionalProperties: false },
  ),
});

export const userUpdated = defineEvent({
  type: 'user.updated',
  version: 1,
  producer: 'user',
  consumers: ['notification', 'analytics'],
  description: 'A profile changed; `changed` names the fields. Subject: user id.',
  payload: Type.Object(
    {
      ...profile,
      changed: Type.Array(Type.Enum(['email', 'name', 'locale', 'password', 'roles']), { minItems: 1 }),
      updatedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const userDeleted = defineEvent({
  type: 'user.deleted',
  version: 1,
  producer: 'user',
  consumers: ['order', 'notification', 'recommendation', 'analytics'],
  description:
    'An account was erased: consumers drop or anonymise what they hold about it. ' +
    'Carries no personal data. Subject: user id.',
  payload: Type.Object({ userId: Id, deletedAt: Timestamp }, { additionalProperties: false }),
});

export const userPasswordResetRequested = defineEvent({
  type: 'user.password_reset_requested',
  version: 1,
  producer: 'user',
  consumers: ['notification'],
  description:
    'A password reset was asked for; notification emails the link. The link holds a one-time, ' +
    'short-lived token (only its hash is stored): consumers send it and never log it. Subject: user id.',
  payload: Type.Object(
    {
      userId: Id,
      email: Email,
      name: Type.String({ minLength: 1 }),
      locale: profile.locale,
      resetUrl: Type.String({ format: 'uri' }),
      expiresAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const userEvents = [userRegistered, userUpdated, userDeleted, userPasswordResetRequested] as const;
