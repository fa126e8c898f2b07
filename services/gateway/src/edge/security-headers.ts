import type { HttpApp } from '@emporium/platform/http/create-http-app';
import helmet from 'helmet';

/**
 * Security headers on every gateway response, proxied or its own. The API
 * answers JSON, so its policy allows nothing at all (`default-src 'none'`);
 * Swagger UI under `/api/docs` gets its own policy (docs.routes.ts). Pages
 * never render in a frame (`frame-ancestors 'none'`, `X-Frame-Options: DENY`).
 * Services' own values of these headers are dropped (forward-headers.ts).
 *
 * helmet's middleware is built once and run on every request. (The
 * @fastify/helmet plugin rebuilds it, parsing the policy again, on every
 * request: about a fifth of what a small proxied GET cost the gateway.)
 */
export function registerSecurityHeaders(app: HttpApp): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Product images are embedded by storefronts on other sites; JSON is guarded by CORS.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) =>
    applyHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
}

/** Swagger UI's policy: its own scripts and styles (by hash), the document from this origin, never framed. */
export function docsContentSecurityPolicy(swaggerPolicy: string): string {
  return swaggerPolicy
    .replace(/frame-ancestors [^;]*;/, "frame-ancestors 'none';")
    .replace(/\s*upgrade-insecure-requests;?/, '')
    .replace(/img-src [^;]*;/, "img-src 'self' data:;")
    .trim();
}
