import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';
import { listMailbox } from '../use-cases/list-mailbox.js';
import { MailPage } from './schemas.js';

/** Admin: the mail the embedded SMTP server received (empty when a real SMTP_URL is configured). */
export function mailboxRoutes(app: HttpApp, deps: NotificationDeps): void {
  app.get(
    '/api/v1/notifications/mailbox',
    {
      preHandler: requirePermission('notifications:read:any'),
      schema: {
        tags: ['notifications'],
        description: 'Mail received by the in-process SMTP server (embedded mode), newest first.',
        querystring: Type.Object(
          { to: Type.Optional(Type.String({ format: 'email' })), ...pageQuery },
          { additionalProperties: false },
        ),
        response: { 200: MailPage },
      },
    },
    async (request) => listMailbox(deps, request.query),
  );
}
