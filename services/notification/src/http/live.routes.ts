import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';

const closeNormal = 1000;
/** Application close code: the access token the socket was opened with has expired; reconnect with a fresh one. */
export const closeTokenExpired = 4001;

/**
 * Live updates over WebSocket. Browsers cannot set headers on a WebSocket,
 * so besides `Authorization: Bearer` the access token is accepted as
 * `?access_token=`; either way it is verified like any request's. Refused
 * upgrades get a 401 problem before any socket opens. The socket is closed
 * (4001) when that token expires, so a signed-out, demoted or deleted user
 * stops hearing within a token's lifetime; the client reconnects with a fresh one.
 */
export function liveRoutes(app: HttpApp, deps: NotificationDeps, auth: Verifiers): void {
  // `/api/v1/ws` is the public name DESIGN.md gives the socket; `/live` sits beside the other notification routes.
  for (const path of ['/api/v1/ws', '/api/v1/notifications/live']) liveRoute(app, deps, auth, path);
}

function liveRoute(app: HttpApp, deps: NotificationDeps, auth: Verifiers, path: string): void {
  app.get(
    path,
    {
      websocket: true,
      schema: {
        tags: ['notifications'],
        querystring: Type.Object(
          { access_token: Type.Optional(Type.String({ minLength: 1, maxLength: 4_096 })) },
          { additionalProperties: false },
        ),
      },
      preHandler: async (request) => {
        const token = (request.query as { access_token?: string }).access_token;
        if (!request.principal && token) {
          try {
            request.principal = await auth.jwt(token);
          } catch {
            throw platformErrors.UNAUTHENTICATED('the access token is invalid or expired');
          }
        }
        if (!request.principal) throw platformErrors.UNAUTHENTICATED('sign in to receive live updates');
      },
    },
    (socket, request) => {
      const principal = request.principal!;
      const leave = deps.live.join(principal, socket);
      socket.on('close', leave);
      // Clients only listen; anything they send is ignored, and a ping keeps proxies from idling the socket out.
      socket.on('message', () => {});
      const keepAlive = setInterval(() => socket.ping(), 30_000);
      keepAlive.unref();
      socket.on('close', () => clearInterval(keepAlive));
      // The verified token's expiry (an API key's principal has none).
      if (principal.expiresAtMs !== undefined) {
        const expiry = setTimeout(
          () => socket.close(closeTokenExpired, 'token expired'),
          Math.max(0, principal.expiresAtMs - Date.now()),
        );
        expiry.unref();
        socket.on('close', () => clearTimeout(expiry));
      }
      socket.send(JSON.stringify({ type: 'ready', data: { userId: principal.subject } }));
      if (socket.readyState !== socket.OPEN) socket.close(closeNormal);
    },
  );
}
