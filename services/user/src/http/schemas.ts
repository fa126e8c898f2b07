import { Type } from 'typebox';
import { passwordLength } from '../domain/password-policy.js';
import { type User, userStatuses } from '../domain/user.js';

export const UserId = Type.String({ format: 'uuid' });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: passwordLength.min, maxLength: passwordLength.max });
export const PersonName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
export const Role = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_:-]*$' });
export const UserStatus = Type.Enum(userStatuses);

/** An account as clients see it. No credential field exists here, so none can be serialised. */
export const UserView = Type.Object(
  {
    id: UserId,
    email: Type.String(),
    emailVerifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    name: Type.String(),
    roles: Type.Array(Type.String()),
    status: UserStatus,
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
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
