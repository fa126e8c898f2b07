import { Type } from 'typebox';
import type { HttpApp, HttpAppOptions } from './create-http-app.js';
import { platformErrors } from './errors.js';
import { sendProblem } from './problem.js';

/** One dependency the service needs to serve traffic: its database, broker, cache, ... */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface CheckResult {
  name: string;
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

const checkTimeoutMs = 2_000;

export async function runChecks(checks: ReadinessCheck[]): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${checkTimeoutMs} ms`)),
              checkTimeoutMs,
            );
          }),
        ]);
        return { name, status: 'up' as const, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const latencyMs = Math.round(performance.now() - started);
        return { name, status: 'down' as const, latencyMs, error: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

const CheckSchema = Type.Object({
  name: Type.String(),
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  latencyMs: Type.Number(),
  error: Type.Optional(Type.String()),
});

export function registerOperationalRoutes(app: HttpApp, options: HttpAppOptions): void {
  app.get(
    '/health/live',
    { schema: { tags: ['operations'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  if (options.readinessRoute !== false) registerReadinessRoute(app, options);

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

function registerReadinessRoute(app: HttpApp, options: HttpAppOptions): void {
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['operations'],
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            service: Type.String(),
            checks: Type.Array(CheckSchema),
          }),
        },
      },
    },
    async (_request, reply) => {
      const checks = await runChecks(options.readiness);
      if (checks.some((c) => c.status === 'down')) {
        const down = checks.filter((c) => c.status === 'down').map((c) => c.name);
        return sendProblem(
          reply,
          platformErrors.NOT_READY(`unavailable: ${down.join(', ')}`, { service: options.service, checks }),
        );
      }
      return { status: 'ready' as const, service: options.service, checks };
    },
  );
}
