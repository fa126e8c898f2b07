import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@emporium/platform/log/logger';
import { createSandboxOperations, HttpError, type Json } from './sandbox-operations.js';
import { intentView, SandboxState } from './sandbox-state.js';
import { createWebhookSender } from './sandbox-webhooks.js';

export interface SandboxGatewaySettings {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Secret key the payment service authenticates with (`Authorization: Bearer …`). */
  apiKey: string;
  webhookSecret: string;
  /** Resolved at send time: the payment service listens after the sandbox started. */
  webhookUrl: () => string;
  /** How long after accepting a payment the sandbox decides and sends its webhooks. */
  decisionDelayMs: number;
  /** How long after a capture the dispute of the dispute test card arrives. */
  disputeDelayMs: number;
  retryDelaysMs?: number[];
  logger: Logger;
}

export interface SandboxGateway {
  url: string;
  close: () => Promise<void>;
}

/**
 * The built-in sandbox gateway: a separate component that plays a remote
 * card gateway on its own port. It tokenises cards (the card number stays
 * here: the payment service only ever sees `tok_…`), accepts payments and
 * answers them asynchronously with signed webhooks, captures and refunds.
 * It shares no code with the payment service's ledger and keeps its state in
 * memory, as a third party's would be out of reach.
 */
export async function startSandboxGateway(settings: SandboxGatewaySettings): Promise<SandboxGateway> {
  const state = new SandboxState();
  const logger = settings.logger;
  const webhooks = createWebhookSender({
    state,
    secret: settings.webhookSecret,
    target: settings.webhookUrl,
    logger,
    retryDelaysMs: settings.retryDelaysMs ?? [250, 1_000, 5_000, 30_000],
  });

  const { tokenize, intentOf, createIntent, capture, refund } = createSandboxOperations({
    state,
    webhooks,
    decisionDelayMs: settings.decisionDelayMs,
    disputeDelayMs: settings.disputeDelayMs,
  });

  type Answer = { status: number; body: unknown };
  type Route = [
    method: string,
    path: RegExp,
    run: (id: string, body: Json, url: URL) => Promise<Answer> | Answer,
  ];
  const routes: Route[] = [
    ['POST', /^\/v1\/payment_intents$/, (_id, body) => createIntent(body)],
    ['GET', /^\/v1\/payment_intents\/(\w+)$/, (id) => ({ status: 200, body: intentView(intentOf(id)) })],
    ['POST', /^\/v1\/payment_intents\/(\w+)\/capture$/, (id, body) => capture(id, body)],
    ['POST', /^\/v1\/refunds$/, (_id, body) => refund(body)],
    // Test controls: the events sent for an intent, and one more delivery of an event on demand.
    [
      'GET',
      /^\/v1\/test\/events$/,
      (_id, _body, url) => {
        const intent = url.searchParams.get('payment_intent');
        const records = [...state.events.values()].filter((r) => !intent || r.paymentIntent === intent);
        return {
          status: 200,
          body: { data: records.map((r) => ({ ...r.event, deliveries: r.deliveries })) },
        };
      },
    ],
    [
      'POST',
      /^\/v1\/test\/events\/(\w+)\/deliver$/,
      async (id) => {
        const record = state.events.get(id);
        if (!record) throw new HttpError(404, 'resource_missing', 'No such event');
        return { status: 200, body: { id, status: await webhooks.redeliver(record.event) } };
      },
    ],
  ];

  async function route(request: IncomingMessage, body: Json): Promise<Answer> {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const method = request.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/v1/tokens') return tokenize(body);
    if (request.headers.authorization !== `Bearer ${settings.apiKey}`) {
      throw new HttpError(401, 'unauthorized', 'Invalid API key provided.');
    }
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key ? `${method} ${url.pathname} ${key}` : undefined;
    const remembered = idempotencyKey ? state.answers.get(idempotencyKey) : undefined;
    if (remembered) return remembered;
    for (const [routeMethod, pattern, run] of routes) {
      const match = method === routeMethod ? pattern.exec(url.pathname) : null;
      if (!match) continue;
      const answer = await run(match[1] ?? '', body, url);
      if (idempotencyKey && answer.status < 500) state.answers.set(idempotencyKey, answer);
      return answer;
    }
    throw new HttpError(404, 'not_found', `${method} ${url.pathname} is not a sandbox route`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // Browsers tokenise straight from the storefront's page, another origin: the one public route allows it.
    const tokenizing = request.url?.split('?')[0] === '/v1/tokens';
    const cors: Record<string, string> = tokenizing ? { 'access-control-allow-origin': '*' } : {};
    if (tokenizing && request.method === 'OPTIONS') {
      response
        .writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        })
        .end();
      return;
    }
    let status = 500;
    let payload: unknown;
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > 65_536) throw new HttpError(413, 'too_large', 'request too large');
        chunks.push(chunk as Buffer);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Json = {};
      if (text) {
        try {
          body = JSON.parse(text) as Json;
        } catch {
          throw new HttpError(400, 'invalid_json', 'The body is not JSON.');
        }
      }
      ({ status, body: payload } = await route(request, body));
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        payload = { error: { code: error.code, message: error.message } };
      } else {
        logger.error({ err: error }, 'sandbox request failed');
        payload = { error: { code: 'api_error', message: 'internal error' } };
      }
    }
    // Request bodies (card numbers) are never logged; the route and status are.
    logger.debug({ method: request.method, path: request.url?.split('?')[0], status }, 'sandbox request');
    response.writeHead(status, { 'content-type': 'application/json', ...cors }).end(JSON.stringify(payload));
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host}:${port}`;
  logger.info({ url }, 'sandbox gateway listening');
  return {
    url,
    close: async () => {
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
