import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SpanStatusCode } from '@opentelemetry/api';
import Fastify, { type FastifyInstance, LogController, type RawServerDefault } from 'fastify';
import { registerAuthentication, type Verifiers } from '../auth/auth-hooks.js';
import type { Logger } from '../log/logger.js';
import type { ServiceMetrics } from '../metrics/metrics.js';
import { startInboundSpan, traceIdOf } from '../tracing/tracing.js';
import { platformErrors } from './errors.js';
import { type ReadinessCheck, registerOperationalRoutes } from './operational-routes.js';
import { sendProblem, toAppError } from './problem.js';
import { validatorCompiler } from './validator-compiler.js';
import './request-context.js';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  Logger,
  TypeBoxTypeProvider
>;

export interface HttpAppOptions {
  service: string;
  version: string;
  logger: Logger;
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  description?: string;
  bodyLimit?: number;
  /** False when the service answers `/health/ready` itself (the gateway aggregates every service's). */
  readinessRoute?: boolean;
  /** Verifies callers' credentials on every request (`request.principal`); routes then require permissions. */
  auth?: Verifiers | undefined;
}

const validRequestId = /^[\w.:-]{1,128}$/;

/**
 * A Fastify app with everything every service needs and no routes of its own
 * beyond health, metrics and OpenAPI: request ids, trace context, RED metrics,
 * problem+json errors. Each service's `buildApp(deps)` starts here; `listen`
 * is the caller's business, so tests use `inject` with no socket.
 */
const operationalRoutes = new Set(['/metrics', '/health/live', '/health/ready']);

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: options.logger,
    // Fastify's own per-request lines are replaced by one 'request completed' line with route and timing.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && validRequestId.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `emporium ${options.service}`,
        version: options.version,
        description: options.description ?? '',
      },
    },
  });

  // Callback-style hooks: an async one costs a promise and a microtask on every request.
  app.addHook('onRequest', (request, reply, done) => {
    const { span, ctx } = startInboundSpan(
      options.service,
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      request.headers,
    );
    request.span = span;
    const traceId = traceIdOf(ctx);
    // The child logger (with its redaction setup) is built on first use: most
    // requests at the default level never log, and building it costs ~4% of a small GET.
    let logger: Logger | undefined;
    request.ctx = {
      requestId: String(request.id),
      get logger() {
        logger ??= request.log.child({ requestId: request.id, traceId }) as Logger;
        return logger;
      },
      trace: ctx,
      authorization: request.headers.authorization,
    };
    reply.header('x-request-id', request.id);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    options.metrics.httpDuration.observe(
      { method: request.method, route, status_code: reply.statusCode },
      seconds,
    );
    request.span?.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) request.span?.setStatus({ code: SpanStatusCode.ERROR });
    request.span?.end();
    // Probes and scrapes (every few seconds, from kubelets, Prometheus, analytics) log at debug.
    const level = operationalRoutes.has(route) && reply.statusCode < 400 ? 'debug' : 'info';
    if (options.logger.isLevelEnabled(level)) {
      request.ctx?.logger[level](
        {
          method: request.method,
          url: request.url,
          route,
          statusCode: reply.statusCode,
          ms: reply.elapsedTime,
        },
        'request completed',
      );
    }
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error, requestId: request.id, code: appError.code }, 'request failed');
    }
    return sendProblem(reply, appError);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      platformErrors.ROUTE_NOT_FOUND(`${request.method} ${request.url.split('?')[0]} is not a route`),
    ),
  );

  if (options.auth) registerAuthentication(app, options.auth);
  registerOperationalRoutes(app, options);
  return app;
}
