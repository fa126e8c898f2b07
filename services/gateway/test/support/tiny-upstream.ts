import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';

/**
 * A small real HTTP service standing in for upstreams whose behaviour a
 * test needs to control: it echoes, fails, stalls and counts its calls.
 */
export interface TinyUpstream {
  url: string;
  /** Calls received per route, for asserting the gateway did (not) forward. */
  hits: Record<string, number>;
  close: () => Promise<void>;
}

const problem = (code: string, status: number) => ({
  type: `https://example.test/${code.toLowerCase()}`,
  title: code,
  status,
  code,
});

const openapi = {
  openapi: '3.1.0',
  info: { title: 'tiny', version: '1.0.0' },
  tags: [{ name: 'recommendations', description: 'What to show next' }],
  paths: {
    '/api/v1/recommendations/me': {
      get: {
        tags: ['recommendations'],
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Recommendation' } } },
          },
        },
      },
    },
    '/health/live': { get: { tags: ['operations'], responses: { 200: { description: 'ok' } } } },
  },
  components: { schemas: { Recommendation: { type: 'object', properties: { sku: { type: 'string' } } } } },
};

export async function startTinyUpstream(options: { readyDelayMs?: number } = {}): Promise<TinyUpstream> {
  const hits: Record<string, number> = {};
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url ?? 'unmatched';
    hits[route] = (hits[route] ?? 0) + 1;
  });

  app.get('/health/ready', async () => {
    if (options.readyDelayMs) await sleep(options.readyDelayMs);
    return { status: 'ready' };
  });
  app.get('/openapi.json', async () => openapi);

  // Reports what arrived, and answers with a hop-by-hop header and one named by Connection.
  app.get('/api/v1/recommendations/echo', async (request, reply) => {
    reply.header('x-upstream', 'tiny');
    reply.header('proxy-authenticate', 'Basic realm="tiny"');
    reply.header('x-private', 'connection-scoped');
    reply.header('connection', 'x-private');
    return { url: request.url, headers: request.headers };
  });
  app.get('/api/v1/recommendations/missing', async (_request, reply) =>
    reply.code(404).type('application/problem+json').send(problem('NOTHING_HERE', 404)),
  );
  // Streams the request body straight back.
  app.post('/api/v1/events', async (request, reply) => {
    reply.type(request.headers['content-type'] ?? 'application/octet-stream');
    return reply.send(request.raw);
  });
  app.get('/api/v1/notifications', async () => ({ items: [] }));
  app.post('/api/v1/notifications/preferences', async (_request, reply) =>
    reply.code(201).send({ saved: true }),
  );
  app.get('/api/v1/analytics/boom', async (_request, reply) =>
    reply.code(500).type('application/problem+json').send(problem('BOOM', 500)),
  );
  app.get('/api/v1/search', async (request) => {
    const delay = Number((request.query as { delay?: string }).delay ?? 0);
    if (delay > 0) await sleep(delay);
    return { hits: [], total: 0, facets: {} };
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, hits, close: () => app.close() };
}
