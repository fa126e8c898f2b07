import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { ConfigDeps } from '../use-cases/deps.js';
import { getConfig } from '../use-cases/get-config.js';
import { listConfigVersions } from '../use-cases/list-config-versions.js';
import { putConfig } from '../use-cases/put-config.js';
import {
  DocumentParams,
  DocumentView,
  documentView,
  etagOf,
  IfMatchHeaders,
  PutBody,
  parseIfMatch,
} from './schemas.js';

export function configRoutes(app: HttpApp, deps: ConfigDeps): void {
  app.get(
    '/api/v1/config/:service/:profile',
    { schema: { tags: ['config'], params: DocumentParams, response: { 200: DocumentView } } },
    async (request, reply) => {
      const document = await getConfig(deps, request.params);
      reply.header('etag', etagOf(document));
      return documentView(document);
    },
  );

  app.get(
    '/api/v1/config/:service/:profile/versions',
    {
      schema: {
        tags: ['config'],
        params: DocumentParams,
        querystring: Type.Object(pageQuery, { additionalProperties: false }),
        response: { 200: pageOf(DocumentView) },
      },
    },
    async (request) => {
      const page = await listConfigVersions(deps, { ...request.params, ...request.query });
      return { items: page.items.map(documentView), nextCursor: page.nextCursor };
    },
  );

  // admin: writes a new version, pushed at once to every running instance of the service.
  app.put(
    '/api/v1/config/:service/:profile',
    {
      preHandler: requirePermission('config:write'),
      schema: {
        tags: ['config'],
        params: DocumentParams,
        headers: IfMatchHeaders,
        body: PutBody,
        response: { 200: DocumentView },
      },
    },
    async (request, reply) => {
      const document = await putConfig(deps, request.ctx, {
        ...request.params,
        ...request.body,
        ifMatch: parseIfMatch(request.headers['if-match']),
        createdBy: request.principal!.subject,
      });
      reply.header('etag', etagOf(document));
      return documentView(document);
    },
  );
}
