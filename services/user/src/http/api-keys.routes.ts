import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { createApiKey } from '../use-cases/create-api-key.js';
import type { UserDeps } from '../use-cases/deps.js';
import { listApiKeys } from '../use-cases/list-api-keys.js';
import { revokeApiKey } from '../use-cases/revoke-api-key.js';
import { verifyApiKey } from '../use-cases/verify-api-key.js';
import { ApiKeyView, Label, Permission, PrincipalView, toApiKeyView } from './schemas.js';

/** API keys for services and partners (admin, api-keys:write). */
export function apiKeysRoutes(app: HttpApp, deps: UserDeps): void {
  app.post(
    '/api/v1/api-keys',
    {
      preHandler: requirePermission('api-keys:write'),
      schema: {
        tags: ['api-keys'],
        body: Type.Object(
          {
            name: Label,
            scopes: Type.Array(Permission, { minItems: 1, maxItems: 100 }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3_650 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object(
            { ...ApiKeyView.properties, key: Type.String({ description: 'shown once: store it now' }) },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request, reply) => {
      const { record, key } = await createApiKey(deps, request.ctx, request.principal!, request.body);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...toApiKeyView(record), key });
    },
  );

  app.get(
    '/api/v1/api-keys',
    {
      preHandler: requirePermission('api-keys:write'),
      schema: {
        tags: ['api-keys'],
        querystring: Type.Object(pageQuery, { additionalProperties: false }),
        response: { 200: pageOf(ApiKeyView) },
      },
    },
    async (request) => {
      const page = await listApiKeys(deps, request.query);
      return { items: page.items.map(toApiKeyView), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      preHandler: requirePermission('api-keys:write'),
      schema: {
        tags: ['api-keys'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: ApiKeyView },
      },
    },
    async (request) => toApiKeyView(await revokeApiKey(deps, request.ctx, request.params.id)),
  );

  /**
   * Internal (the gateway does not route /internal): other services'
   * API-key verifier (platform/src/auth/api-key-verifier.ts) asks here who a
   * key belongs to. 200 with the principal, or 401 INVALID_API_KEY.
   */
  app.post(
    '/internal/api-keys/introspect',
    {
      schema: {
        tags: ['internal'],
        body: Type.Object(
          { key: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: PrincipalView },
      },
    },
    async (request, reply) => {
      const principal = await verifyApiKey(deps, request.body.key);
      return reply.header('cache-control', 'no-store').send({
        kind: principal.kind,
        subject: principal.subject,
        roles: principal.roles,
        permissions: principal.permissions,
      });
    },
  );
}
