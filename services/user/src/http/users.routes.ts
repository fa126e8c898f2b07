import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { UserDeps } from '../use-cases/deps.js';
import { getUser } from '../use-cases/get-user.js';
import { listUsers } from '../use-cases/list-users.js';
import { Role, toUserView, UserId, UserStatus, UserView } from './schemas.js';

/** Admin routes: the identity issue puts them behind the `users:read:any` permission guard. */
export function usersAdminRoutes(app: HttpApp, deps: UserDeps): void {
  app.get(
    '/api/v1/users',
    {
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
    {
      schema: {
        tags: ['users'],
        params: Type.Object({ id: UserId }, { additionalProperties: false }),
        response: { 200: UserView },
      },
    },
    async (request) => toUserView(await getUser(deps, request.params.id)),
  );
}
