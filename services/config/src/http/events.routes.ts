import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { latestDocument } from '../db/documents.repo.js';
import type { ConfigDocument } from '../domain/document.js';
import type { ConfigDeps } from '../use-cases/deps.js';
import { DocumentParams, documentView } from './schemas.js';

/**
 * `GET /api/v1/config/:service/:profile/events`: a Server-Sent Events stream.
 * On connect it sends the latest version (so a client that reconnects after
 * missing some catches up), then each new version as `event: config` with
 * `id: <version>`. Comment lines keep idle streams open through proxies.
 */
export function eventsRoutes(app: HttpApp, deps: ConfigDeps, settings: { keepAliveMs: number }): void {
  app.get(
    '/api/v1/config/:service/:profile/events',
    {
      schema: {
        tags: ['config'],
        description:
          'Server-Sent Events: `event: config`, `id: <version>`, data: the document as GET returns it.',
        params: DocumentParams,
      },
    },
    async (request, reply) => {
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(request.id),
      });
      stream.write('retry: 2000\n\n');

      let lastSent = 0;
      const send = (document: ConfigDocument) => {
        if (document.version <= lastSent || stream.writableEnded || stream.destroyed) return;
        lastSent = document.version;
        stream.write(
          `event: config\nid: ${document.version}\ndata: ${JSON.stringify(documentView(document))}\n\n`,
        );
      };
      const keepAlive = setInterval(() => {
        if (!stream.writableEnded && !stream.destroyed) stream.write(': keep-alive\n\n');
      }, settings.keepAliveMs);
      const unsubscribe = deps.changes.subscribe(request.params, send, () => stream.end());
      // The response closes when the client goes, or once the hub ended it at shutdown.
      stream.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      request.ctx.logger.debug(
        { configService: request.params.service, profile: request.params.profile },
        'config stream opened',
      );

      try {
        const latest = await latestDocument(deps.db, request.params);
        if (latest) send(latest);
      } catch (error) {
        // The client reconnects and gets the latest version then.
        request.ctx.logger.warn({ err: error }, 'config stream could not read the latest version');
        stream.end();
      }
    },
  );
}
