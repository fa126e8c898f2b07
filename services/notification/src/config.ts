import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { type Static, Type } from 'typebox';

const Milliseconds = (min: number, max: number, value: number) =>
  Type.Integer({ minimum: min, maximum: max, default: value });

export const NotificationConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }),
    /** Folder of `<template>/<locale>/{subject.txt,body.html,body.txt}`; defaults to the service's own `templates/`. */
    templatesDir: Type.Optional(Type.String({ minLength: 1 })),
    /** Used when a template has no version in the recipient's locale. */
    defaultLocale: Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', default: 'en' }),
    /** Links in messages point here (the storefront behind the gateway). */
    shopUrl: Type.String({ format: 'uri', default: 'http://localhost:8080' }),

    /** `smtp(s)://user:pass@host:port`. Unset: an SMTP server runs in process and keeps what it receives. */
    smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://' })),
    mailFrom: Type.String({ minLength: 3, default: 'Emporium <no-reply@emporium.local>' }),
    /** The in-process SMTP server (no SMTP_URL): loopback only; port 0 picks a free one. */
    embeddedSmtpHost: Type.String({ default: '127.0.0.1' }),
    embeddedSmtpPort: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
    /** How long the in-process SMTP server keeps what it received (the admin mailbox). */
    mailboxRetentionDays: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
    /** Comma-separated addresses that receive stock alerts. */
    notifyAdminEmails: Type.Optional(
      Type.String({ pattern: '^[^,\\s]+@[^,\\s]+(\\s*,\\s*[^,\\s]+@[^,\\s]+)*$' }),
    ),

    /** `log` writes SMS to the log (development); `twilio` sends them through Twilio's HTTP API. */
    smsProvider: Type.Union([Type.Literal('log'), Type.Literal('twilio')], { default: 'log' }),
    twilioBaseUrl: Type.String({ format: 'uri', default: 'https://api.twilio.com' }),
    twilioAccountSid: Type.Optional(Type.String({ minLength: 1 })),
    twilioAuthToken: Type.Optional(Type.String({ minLength: 1 })),
    twilioFromNumber: Type.Optional(Type.String({ pattern: '^\\+[1-9]\\d{6,14}$' })),

    /** Web Push keys (base64url). Unset: a pair is generated once and kept in the database. */
    vapidPublicKey: Type.Optional(Type.String({ minLength: 40 })),
    vapidPrivateKey: Type.Optional(Type.String({ minLength: 20 })),
    vapidSubject: Type.String({ pattern: '^(mailto:|https://)', default: 'mailto:no-reply@emporium.local' }),
    /** Browsers' push services are https; plain http endpoints are accepted only when this is set (local testing). */
    pushAllowHttpEndpoints: Type.Boolean({ default: false }),

    /** How often the dispatcher looks for messages to send. */
    dispatchIntervalMs: Milliseconds(10, 60_000, 250),
    dispatchBatch: Type.Integer({ minimum: 1, maximum: 1_000, default: 50 }),
    /** Attempts per message before it is marked failed for good. */
    deliveryMaxAttempts: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
    /** First retry delay; it doubles on each attempt up to `deliveryRetryMaxMs`. */
    deliveryRetryBaseMs: Milliseconds(10, 3_600_000, 5_000),
    deliveryRetryMaxMs: Milliseconds(10, 86_400_000, 3_600_000),
    /** One send (SMTP, Twilio, push service) gives up after this long. */
    sendTimeoutMs: Milliseconds(100, 120_000, 15_000),
  },
  { additionalProperties: false },
);

export type NotificationSettings = Static<typeof NotificationConfig>;
