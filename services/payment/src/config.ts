import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';
import { captureMethods } from './domain/payment-enums.js';

const Milliseconds = (fallback: number) => Type.Integer({ minimum: 0, default: fallback });

export const PaymentConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8088 }),
    /** `automatic`: the provider captures with the authorisation; `manual`: an admin captures later. */
    captureMethod: Type.Enum(captureMethods, { default: 'automatic' }),
    /** Per attempt of a call to a provider; calls carry idempotency keys and are retried. */
    providerTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
    /** A webhook signed longer ago than this is refused (replay protection). */
    webhookToleranceSeconds: Type.Integer({ minimum: 1, default: 300 }),
    /** How often payments left unsettled (lost webhooks, a crash mid-call) are checked with their provider; 0: never. */
    reconcileIntervalMs: Milliseconds(30_000),
    /** A payment is reconciled once it has been unsettled this long. */
    reconcileAfterMs: Milliseconds(60_000),

    /**
     * The built-in sandbox gateway (DESIGN §9 test cards). Unset: on, except in
     * the production profile, where a gateway that approves test cards would
     * hand out goods for free; set it to enable it there on purpose.
     */
    sandboxEnabled: Type.Optional(Type.Boolean()),
    /** Use a sandbox gateway running elsewhere instead of starting one in this process. */
    sandboxGatewayUrl: Type.Optional(Type.String({ format: 'uri' })),
    sandboxGatewayHost: Type.String({ default: '127.0.0.1' }),
    /** 0: any free port (its URL is published by `GET /api/v1/payments/providers`). */
    sandboxGatewayPort: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
    sandboxApiKey: Type.String({ minLength: 8, default: 'sk_sandbox_emporium' }),
    sandboxWebhookSecret: Type.String({ minLength: 8, default: 'whsec_sandbox_emporium' }),
    /** Where the sandbox sends its webhooks; unset: this service's own loopback address. */
    sandboxWebhookUrl: Type.Optional(Type.String({ format: 'uri' })),
    sandboxDecisionDelayMs: Milliseconds(50),
    sandboxDisputeDelayMs: Milliseconds(5_000),

    /** Stripe is enabled when its secret key and webhook signing secret are set (use `*_FILE` or secretRef). */
    stripeSecretKey: Type.Optional(Type.String({ minLength: 1 })),
    stripeWebhookSecret: Type.Optional(Type.String({ minLength: 1 })),
    stripePublishableKey: Type.Optional(Type.String({ minLength: 1 })),

    /** PayPal is enabled when its client id, secret and webhook id are set. */
    paypalClientId: Type.Optional(Type.String({ minLength: 1 })),
    paypalClientSecret: Type.Optional(Type.String({ minLength: 1 })),
    paypalWebhookId: Type.Optional(Type.String({ minLength: 1 })),
    paypalApiUrl: Type.String({ format: 'uri', default: 'https://api-m.sandbox.paypal.com' }),
  },
  { additionalProperties: false },
);
