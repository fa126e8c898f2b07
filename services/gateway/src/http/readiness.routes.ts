import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import { sendProblem } from '@emporium/platform/http/problem';
import { Type } from 'typebox';
import type { GatewayDeps } from '../deps.js';
import { checkServices } from '../readiness/check-services.js';

const ServiceStatus = Type.Object(
  {
    name: Type.String(),
    status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    latencyMs: Type.Number(),
    url: Type.Union([Type.String(), Type.Null()]),
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The platform's readiness, aggregated: 200 when every service is up, 503 problem+json listing them otherwise. */
export function readinessRoutes(app: HttpApp, deps: GatewayDeps & { readiness: ReadinessCheck[] }): void {
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness of the gateway and of every service behind it',
        response: {
          200: Type.Object(
            { status: Type.Literal('ready'), services: Type.Array(ServiceStatus) },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request, reply) => {
      const self = deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
      const services = await checkServices(deps, { url: self });
      const down = services.filter((service) => service.status === 'down').map((service) => service.name);
      if (down.length > 0) {
        return sendProblem(reply, platformErrors.NOT_READY(`down: ${down.join(', ')}`, { services }));
      }
      return { status: 'ready' as const, services };
    },
  );
}
