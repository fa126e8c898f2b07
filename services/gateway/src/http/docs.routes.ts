import type { HttpApp } from '@emporium/platform/http/create-http-app';
import swaggerUi from '@fastify/swagger-ui';
import type { OpenApiSource } from '../docs/openapi-source.js';
import { docsContentSecurityPolicy } from '../edge/security-headers.js';

/**
 * `GET /api/docs`: Swagger UI over the merged document of every service,
 * also served raw at `/api/docs/openapi.json`. The UI asks `/api/docs/json`,
 * whose handler is synchronous, so a hook fetches the document first.
 */
export async function docsRoutes(app: HttpApp, docs: OpenApiSource): Promise<void> {
  app.get('/api/docs/openapi.json', { schema: { hide: true } }, () => docs.get());

  const prepared = new WeakMap<object, unknown>();
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { deepLinking: true, docExpansion: 'list', validatorUrl: null },
    // The API's `default-src 'none'` would blank the page: the UI gets a policy of its own.
    staticCSP: true,
    transformStaticCSP: docsContentSecurityPolicy,
    uiHooks: {
      preHandler: async (request) => {
        if (/\/(json|yaml)$/.test(request.url.split('?')[0] ?? '')) prepared.set(request, await docs.get());
      },
    },
    transformSpecificationClone: false,
    transformSpecification: (_own, request) => prepared.get(request) as Record<string, unknown>,
  });
}
