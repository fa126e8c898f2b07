import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { RegistryDeps } from '../use-cases/deps.js';
import { deregisterInstance } from '../use-cases/deregister-instance.js';
import { listAllInstances } from '../use-cases/list-instances.js';
import { registerInstance } from '../use-cases/register-instance.js';
import { renewLease } from '../use-cases/renew-lease.js';
import {
  InstanceDetail,
  InstanceId,
  InstanceView,
  instanceDetail,
  instanceView,
  RegisterBody,
  Registered,
  ServiceName,
} from './schemas.js';

const IdParams = Type.Object({ id: InstanceId }, { additionalProperties: false });

/**
 * What instances call about themselves: register, heartbeat, deregister.
 * (Service-to-service credentials guard these once authentication lands.)
 */
export function instancesRoutes(app: HttpApp, deps: RegistryDeps): void {
  app.post(
    '/api/v1/registry/instances',
    { schema: { tags: ['registry'], body: RegisterBody, response: { 201: Registered } } },
    async (request, reply) => reply.code(201).send(await registerInstance(deps, request.ctx, request.body)),
  );

  app.put(
    '/api/v1/registry/instances/:id/heartbeat',
    { schema: { tags: ['registry'], params: IdParams, response: { 200: InstanceView } } },
    async (request) => instanceView(await renewLease(deps, request.params.id), deps.leaseClock.since()),
  );

  app.delete(
    '/api/v1/registry/instances/:id',
    { schema: { tags: ['registry'], params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deregisterInstance(deps, request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // admin: every registration with its health-check state.
  app.get(
    '/api/v1/registry/instances',
    {
      schema: {
        tags: ['registry'],
        querystring: Type.Object(
          { ...pageQuery, service: Type.Optional(ServiceName) },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(InstanceDetail) },
      },
    },
    async (request) => {
      const page = await listAllInstances(deps, request.query);
      const since = deps.leaseClock.since();
      return { items: page.items.map((row) => instanceDetail(row, since)), nextCursor: page.nextCursor };
    },
  );
}
