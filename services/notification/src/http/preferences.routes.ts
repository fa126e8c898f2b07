import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';
import { getPreferences } from '../use-cases/get-preferences.js';
import { updatePreferences } from '../use-cases/update-preferences.js';
import { Preference, PreferencesView } from './schemas.js';

/** The signed-in user's own choices. */
export function preferencesRoutes(app: HttpApp, deps: NotificationDeps): void {
  app.get(
    '/api/v1/notifications/preferences',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['notifications'],
        description: 'Every channel × category with what the user chose, or the default.',
        response: { 200: PreferencesView },
      },
    },
    async (request) => getPreferences(deps, request.principal!.subject),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['notifications'],
        description: 'Changes the listed choices; transactional email cannot be turned off (409).',
        body: Type.Object(
          { preferences: Type.Array(Preference, { minItems: 1, maxItems: 12 }) },
          { additionalProperties: false },
        ),
        response: { 200: PreferencesView },
      },
    },
    async (request) =>
      updatePreferences(deps, request.ctx, {
        userId: request.principal!.subject,
        preferences: request.body.preferences,
      }),
  );
}
