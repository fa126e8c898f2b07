import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

const Secret = (description: string) => Type.Optional(Type.String({ minLength: 1, description }));

export const UserConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8083 }),

    /**
     * Secret that encrypts the signing keys at rest (`SIGNING_KEY_ENCRYPTION_KEY`
     * or `..._FILE`). Required outside the development profile; in development
     * (and embedded) one is generated once and kept in the database.
     */
    signingKeyEncryptionKey: Type.Optional(Type.String({ minLength: 32 })),
    accessTokenTtlSeconds: Type.Integer({ minimum: 60, maximum: 3_600, default: 900 }),
    refreshTokenTtlDays: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
    /** How long a replica reuses the signing keys it read (a rotation reaches every replica within it). */
    signingKeyCacheSeconds: Type.Integer({ minimum: 0, maximum: 300, default: 30 }),
    /** Tolerated clock difference between services, added to how long retired keys stay published. */
    clockSkewSeconds: Type.Integer({ minimum: 0, maximum: 600, default: 60 }),

    /** Where people open the links sent by email (verification, password reset): the storefront. */
    publicWebUrl: Type.String({ format: 'uri', default: 'http://localhost:8080' }),

    /** Login throttling: consecutive failures per account, failures per client IP, within a window. */
    loginMaxFailuresPerAccount: Type.Integer({ minimum: 1, default: 50 }),
    loginMaxFailuresPerIp: Type.Integer({ minimum: 1, default: 200 }),
    loginThrottleWindowSeconds: Type.Integer({ minimum: 1, default: 900 }),
    /**
     * Read the client address from the rightmost `X-Forwarded-For` entry (the
     * one the gateway appended). Turn off when the service is reachable
     * without the gateway in front.
     */
    trustForwardedFor: Type.Boolean({ default: true }),

    /** API keys provisioned for Emporium's own services (JSON list; see domain/provisioned-keys.ts). */
    serviceApiKeys: Secret('provisioned API keys: [{"name","key","scopes"}]'),
    /** OAuth: the public base URL providers redirect back to (the gateway), `<base>/api/v1/auth/oauth/<p>/callback`. */
    oauthRedirectBaseUrl: Type.String({ format: 'uri', default: 'http://localhost:8080' }),
    /** Set: after an OAuth login, redirect here with the tokens in the URL fragment; unset: answer JSON. */
    oauthSuccessRedirectUrl: Type.Optional(Type.String({ format: 'uri' })),
    oauthGoogleClientId: Type.Optional(Type.String({ minLength: 1 })),
    oauthGoogleClientSecret: Secret('Google OAuth client secret'),
    oauthGithubClientId: Type.Optional(Type.String({ minLength: 1 })),
    oauthGithubClientSecret: Secret('GitHub OAuth app client secret'),
    /** Any OpenID Connect issuer, reachable as `/api/v1/auth/oauth/<oauthOidcName>/...`. */
    oauthOidcName: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', default: 'oidc' }),
    oauthOidcIssuer: Type.Optional(Type.String({ format: 'uri' })),
    oauthOidcClientId: Type.Optional(Type.String({ minLength: 1 })),
    oauthOidcClientSecret: Secret('client secret at the OpenID issuer'),
    oauthOidcScopes: Type.String({ minLength: 1, default: 'openid email profile' }),
  },
  { additionalProperties: false },
);
