import { createEnvelope } from '@emporium/contracts/events/envelope';
import {
  userDeleted,
  userPasswordResetRequested,
  userRegistered,
  userUpdated,
} from '@emporium/contracts/events/user-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { User } from '../domain/user.js';

/** The envelopes the user service writes to its outbox; payloads follow contracts/src/events/user-events.ts. */

const profileOf = (user: User) => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
});

export function registeredEnvelope(
  ctx: RequestContext,
  user: User,
  verification: { url: string; expiresAt: Date } | undefined,
) {
  return createEnvelope(userRegistered, {
    subject: user.id,
    data: {
      ...profileOf(user),
      marketingOptIn: user.marketingOptIn,
      registeredAt: user.createdAt.toISOString(),
      ...(verification
        ? { verificationUrl: verification.url, verificationExpiresAt: verification.expiresAt.toISOString() }
        : {}),
    },
    ...traceContextOf(ctx.trace),
  });
}

export type ChangedField = 'email' | 'name' | 'locale' | 'password' | 'roles';

export function updatedEnvelope(ctx: RequestContext, user: User, changed: [ChangedField, ...ChangedField[]]) {
  return createEnvelope(userUpdated, {
    subject: user.id,
    data: { ...profileOf(user), changed, updatedAt: user.updatedAt.toISOString() },
    ...traceContextOf(ctx.trace),
  });
}

export function deletedEnvelope(ctx: RequestContext, userId: string, deletedAt: Date) {
  return createEnvelope(userDeleted, {
    subject: userId,
    data: { userId, deletedAt: deletedAt.toISOString() },
    ...traceContextOf(ctx.trace),
  });
}

export function passwordResetEnvelope(
  ctx: RequestContext,
  user: User,
  reset: { url: string; expiresAt: Date },
) {
  return createEnvelope(userPasswordResetRequested, {
    subject: user.id,
    data: { ...profileOf(user), resetUrl: reset.url, expiresAt: reset.expiresAt.toISOString() },
    ...traceContextOf(ctx.trace),
  });
}
