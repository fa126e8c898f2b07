import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { UserDeps } from '../use-cases/deps.js';
import { rotateSigningKey } from '../use-cases/rotate-signing-key.js';

/** Public halves only: the response schema itself drops anything else (a private `d` could never leak). */
const Jwk = Type.Object(
  {
    kty: Type.Optional(Type.String()),
    crv: Type.Optional(Type.String()),
    x: Type.Optional(Type.String()),
    kid: Type.Optional(Type.String()),
    alg: Type.Optional(Type.String()),
    use: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export function keysRoutes(app: HttpApp, deps: UserDeps): void {
  /** The public keys every service verifies access tokens with (platform/src/auth/jwt-verifier.ts). */
  app.get(
    '/.well-known/jwks.json',
    { schema: { tags: ['auth'], response: { 200: Type.Object({ keys: Type.Array(Jwk) }) } } },
    async (_request, reply) => {
      // Verifiers cache it themselves and refetch on an unknown kid; a short shared cache is enough here.
      reply.header('cache-control', 'public, max-age=60');
      return deps.keyRing.publicKeys();
    },
  );

  // admin
  app.post(
    '/api/v1/auth/keys/rotate',
    {
      preHandler: requirePermission('signing-keys:rotate'),
      schema: { tags: ['auth'], response: { 200: Type.Object({ kid: Type.String() }) } },
    },
    async (request) => rotateSigningKey(deps, request.ctx),
  );
}
