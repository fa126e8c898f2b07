import { finished } from 'node:stream/promises';
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
  /** Every API call received, as `METHOD /path?query`, in order. */
  seen: string[];
  /** While on, every API call stalls (no answer) until turned off or closed. */
  hang: (on: boolean) => void;
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

export async function startTinyUpstream(
  options: { readyDelayMs?: number; name?: string } = {},
): Promise<TinyUpstream> {
  const hits: Record<string, number> = {};
  const seen: string[] = [];
  let stalled: { promise: Promise<void>; release: () => void } | undefined;
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url ?? 'unmatched';
    hits[route] = (hits[route] ?? 0) + 1;
    if (request.url.startsWith('/api/')) seen.push(`${request.method} ${request.url}`);
    if (stalled && request.url.startsWith('/api/')) await stalled.promise;
  });
  // Fingerprints and internal headers a real service (or its framework) might send.
  app.addHook('onSend', async (_request, reply) => {
    if (options.name) reply.header('x-instance', options.name);
    reply.header('server', 'tiny/1.0 (Linux)');
    reply.header('x-powered-by', 'tiny-framework');
    reply.header('x-internal-shard', 'db-7');
    reply.header('x-envoy-upstream-service-time', '3');
    reply.header('content-security-policy', 'default-src *');
    reply.header('access-control-allow-origin', '*');
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

  // Anything else: what arrived, after `?delay=<ms>`; `?status=<code>` answers with that status.
  app.all('/api/v1/*', async (request, reply) => {
    const query = request.query as { delay?: string; status?: string };
    if (query.delay) await sleep(Number(query.delay));
    if (query.status) reply.code(Number(query.status));
    // Like a real service, answers once the whole body is in (read and dropped).
    await finished(request.raw.resume()).catch(() => {});
    return {
      instance: options.name ?? 'tiny',
      method: request.method,
      url: request.url,
      headers: request.headers,
    };
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    hits,
    seen,
    hang(on) {
      if (on && !stalled) {
        let release = () => {};
        const promise = new Promise<void>((resolve) => {
          release = resolve;
        });
        stalled = { promise, release };
      } else if (!on && stalled) {
        stalled.release();
        stalled = undefined;
      }
    },
    close: async () => {
      stalled?.release();
      stalled = undefined;
      await app.close();
    },
  };
}
