import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { UserDeps } from '../use-cases/deps.js';
import { getUser } from '../use-cases/get-user.js';
import { listUsers } from '../use-cases/list-users.js';
import { setUserRoles } from '../use-cases/set-user-roles.js';
import { Role, toUserView, UserId, UserStatus, UserView } from './schemas.js';

const ById = Type.Object({ id: UserId }, { additionalProperties: false });

/** Accounts by id: admins and support (users:read:any), and anyone for their own id. */
export function usersRoutes(app: HttpApp, deps: UserDeps): void {
  app.get(
    '/api/v1/users',
    {
      preHandler: requirePermission('users:read:any'),
      schema: {
        tags: ['users'],
        querystring: Type.Object(
          { ...pageQuery, role: Type.Optional(Role), status: Type.Optional(UserStatus) },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(UserView) },
      },
    },
    async (request) => {
      const page = await listUsers(deps, request.query);
      return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], params: ById, response: { 200: UserView } } },
    async (request) => toUserView(await getUser(deps, request.principal, request.params.id)),
  );

  // admin
  app.put(
    '/api/v1/users/:id/roles',
    {
      preHandler: requirePermission('users:write:any'),
      schema: {
        tags: ['users'],
        params: ById,
        body: Type.Object({ roles: Type.Array(Role, { maxItems: 20 }) }, { additionalProperties: false }),
        response: { 200: UserView },
      },
    },
    async (request) =>
      toUserView(
        await setUserRoles(deps, request.ctx, request.principal!, {
          userId: request.params.id,
          roles: request.body.roles,
        }),
      ),
  );
}
