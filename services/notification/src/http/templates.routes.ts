import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';
import { previewTemplate } from '../use-cases/preview-template.js';
import { Locale, TemplateName } from './schemas.js';

/** Admin (`notifications:read:any`): the bundled templates and a preview of each. */
export function templatesRoutes(app: HttpApp, deps: NotificationDeps): void {
  app.get(
    '/api/v1/notifications/templates',
    {
      preHandler: requirePermission('notifications:read:any'),
      schema: {
        tags: ['notifications'],
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  { name: TemplateName, locales: Type.Array(Locale) },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async () => ({ items: deps.templates.list() }),
  );

  app.post(
    '/api/v1/notifications/templates/:template/preview',
    {
      preHandler: requirePermission('notifications:read:any'),
      schema: {
        tags: ['notifications'],
        description: 'Renders a template with the given values, as it would be sent; sends nothing.',
        params: Type.Object({ template: TemplateName }, { additionalProperties: false }),
        body: Type.Object(
          {
            locale: Type.Optional(Locale),
            data: Type.Record(Type.String({ pattern: '^[A-Za-z_]\\w*$' }), Type.Unknown()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              template: TemplateName,
              locale: Locale,
              subject: Type.String(),
              html: Type.String(),
              text: Type.String(),
              short: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => previewTemplate(deps, { template: request.params.template, ...request.body }),
  );
}
