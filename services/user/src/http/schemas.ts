import { Type } from 'typebox';
import type { ApiKeyRecord } from '../db/api-keys.repo.js';
import { passwordLength } from '../domain/password-policy.js';
import { type User, userStatuses } from '../domain/user.js';

export const UserId = Type.String({ format: 'uuid' });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: passwordLength.min, maxLength: passwordLength.max });
/** What a login accepts: any non-empty password up to the maximum (the policy applies when one is set). */
export const PresentedPassword = Type.String({ minLength: 1, maxLength: passwordLength.max });
/** Text kept as typed, minus control characters (Postgres refuses NUL; the rest have no place in a name). */
const plainText = '^[^\\u0000-\\u001F\\u007F]*$';
/** Plain text with at least one visible character. */
const visibleText = '^(?=.*\\S)[^\\u0000-\\u001F\\u007F]*$';
export const PersonName = Type.String({ minLength: 1, maxLength: 120, pattern: visibleText });
export const Label = Type.String({ minLength: 1, maxLength: 120, pattern: visibleText });
export const Description = Type.String({ maxLength: 500, pattern: plainText });
export const Role = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_:-]*$' });
export const UserStatus = Type.Enum(userStatuses);
export const Locale = Type.String({
  minLength: 2,
  maxLength: 35,
  pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$',
});
/** Tokens in emailed links: 32 random bytes, base64url. */
export const LinkToken = Type.String({ minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$' });
export const RefreshToken = Type.String({ minLength: 46, maxLength: 46, pattern: '^rt_[A-Za-z0-9_-]+$' });
export const Permission = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z][a-z0-9-]*(:[a-z0-9-]+)*$',
});

/** An account as clients see it. No credential field exists here, so none can be serialised. */
export const UserView = Type.Object(
  {
    id: UserId,
    email: Type.String(),
    emailVerifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    name: Type.String(),
    roles: Type.Array(Type.String()),
    status: UserStatus,
    locale: Type.String(),
    marketingOptIn: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export function toUserView(user: User) {
  return {
    id: user.id,
    email: user.email,
    emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
    name: user.name,
    roles: user.roles,
    status: user.status,
    locale: user.locale,
    marketingOptIn: user.marketingOptIn,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** A signed-in session: a 15-minute access token (JWT) and a single-use refresh token. */
export const sessionProperties = {
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'seconds until the access token expires' }),
};
export const SessionView = Type.Object(sessionProperties, { additionalProperties: false });

export const RoleView = Type.Object(
  {
    name: Type.String(),
    description: Type.String(),
    permissions: Type.Array(Type.String()),
    builtIn: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ApiKeyView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String({ description: 'the start of the key (`emp_<prefix>_…`), to recognise it' }),
    scopes: Type.Array(Type.String()),
    createdBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export function toApiKeyView(record: ApiKeyRecord) {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}

export const PrincipalView = Type.Object(
  {
    kind: Type.Union([Type.Literal('user'), Type.Literal('api-key')]),
    subject: Type.String(),
    roles: Type.Array(Type.String()),
    permissions: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
