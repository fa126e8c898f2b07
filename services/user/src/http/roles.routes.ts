import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { deleteRole } from '../use-cases/delete-role.js';
import type { UserDeps } from '../use-cases/deps.js';
import { listRoles } from '../use-cases/list-roles.js';
import { createRole, updateCustomRole } from '../use-cases/save-role.js';
import { Description, Permission, Role, RoleView } from './schemas.js';

const RoleBody = {
  description: Type.Optional(Description),
  permissions: Type.Array(Permission, { maxItems: 100 }),
};
const ByName = Type.Object({ name: Role }, { additionalProperties: false });

/** Roles and what they grant (admin). Built-in roles are listed but fixed. */
export function rolesRoutes(app: HttpApp, deps: UserDeps): void {
  app.get(
    '/api/v1/roles',
    {
      preHandler: requirePermission('users:read:any'),
      schema: { tags: ['roles'], response: { 200: Type.Object({ items: Type.Array(RoleView) }) } },
    },
    async () => ({ items: await listRoles(deps) }),
  );

  app.post(
    '/api/v1/roles',
    {
      preHandler: requirePermission('roles:write'),
      schema: {
        tags: ['roles'],
        body: Type.Object({ name: Role, ...RoleBody }, { additionalProperties: false }),
        response: { 201: RoleView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRole(deps, request.ctx, request.principal!, request.body)),
  );

  app.put(
    '/api/v1/roles/:name',
    {
      preHandler: requirePermission('roles:write'),
      schema: {
        tags: ['roles'],
        params: ByName,
        body: Type.Object(RoleBody, { additionalProperties: false }),
        response: { 200: RoleView },
      },
    },
    async (request) =>
      updateCustomRole(deps, request.ctx, request.principal!, { name: request.params.name, ...request.body }),
  );

  app.delete(
    '/api/v1/roles/:name',
    { preHandler: requirePermission('roles:write'), schema: { tags: ['roles'], params: ByName } },
    async (request, reply) => {
      await deleteRole(deps, request.ctx, request.params.name);
      return reply.code(204).send();
    },
  );
}
