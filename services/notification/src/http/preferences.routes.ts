import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';
import { getPreferences } from '../use-cases/get-preferences.js';
import { updatePreferences } from '../use-cases/update-preferences.js';
import { Preference, PreferencesView, Uuid } from './schemas.js';

/**
 * Until authentication lands (a later issue) the user is named in the
 * request; then it comes from the JWT's subject and `userId` goes away.
 */
export function preferencesRoutes(app: HttpApp, deps: NotificationDeps): void {
  app.get(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        description: 'Every channel × category with what the user chose, or the default.',
        querystring: Type.Object({ userId: Uuid }, { additionalProperties: false }),
        response: { 200: PreferencesView },
      },
    },
    async (request) => getPreferences(deps, request.query.userId),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        description: 'Changes the listed choices; transactional email cannot be turned off (409).',
        body: Type.Object(
          { userId: Uuid, preferences: Type.Array(Preference, { minItems: 1, maxItems: 12 }) },
          { additionalProperties: false },
        ),
        response: { 200: PreferencesView },
      },
    },
    async (request) => updatePreferences(deps, request.ctx, request.body),
  );
}
