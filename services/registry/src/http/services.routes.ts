import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { RegistryDeps } from '../use-cases/deps.js';
import { listUpInstances } from '../use-cases/list-instances.js';
import { listServices } from '../use-cases/list-services.js';
import { InstanceView, instanceView, ServiceName, ServiceSummary } from './schemas.js';

const PageQuery = Type.Object(pageQuery, { additionalProperties: false });

/** What discovery clients ask: which services exist, and where their healthy instances are. */
export function servicesRoutes(app: HttpApp, deps: RegistryDeps): void {
  app.get(
    '/api/v1/registry/services',
    { schema: { tags: ['registry'], querystring: PageQuery, response: { 200: pageOf(ServiceSummary) } } },
    async (request) => listServices(deps, request.query),
  );

  app.get(
    '/api/v1/registry/services/:name/instances',
    {
      schema: {
        tags: ['registry'],
        params: Type.Object({ name: ServiceName }, { additionalProperties: false }),
        querystring: PageQuery,
        response: { 200: pageOf(InstanceView) },
      },
    },
    async (request) => {
      const page = await listUpInstances(deps, { service: request.params.name, ...request.query });
      const since = deps.leaseClock.since();
      return { items: page.items.map((row) => instanceView(row, since)), nextCursor: page.nextCursor };
    },
  );
}
