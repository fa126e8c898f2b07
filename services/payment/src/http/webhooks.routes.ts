import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { providerNames } from '../domain/payment-enums.js';
import type { PaymentDeps } from '../use-cases/deps.js';
import { receiveWebhook } from '../use-cases/receive-webhook.js';

/**
 * Where providers send their webhooks. No caller credentials: the provider's
 * signature over the body as received is the authentication, so this scope
 * keeps the raw bytes instead of parsing JSON.
 */
export function webhooksRoutes(app: HttpApp, deps: PaymentDeps): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 262_144 }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/v1/payments/webhooks/:provider',
      {
        schema: {
          tags: ['payments'],
          params: Type.Object({ provider: Type.Enum(providerNames) }, { additionalProperties: false }),
          response: {
            200: Type.Object(
              {
                received: Type.Literal(true),
                outcome: Type.Enum(['applied', 'unmatched', 'deferred', 'ignored', 'rejected', 'duplicate']),
              },
              { additionalProperties: false },
            ),
          },
        },
      },
      async (request) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        // The plugin scope loses the app's type provider; the schema above validated this.
        const { provider } = request.params as { provider: string };
        const outcome = await receiveWebhook(deps, request.ctx.trace, {
          provider,
          request: { headers: request.headers, rawBody },
        });
        return { received: true as const, outcome };
      },
    );
  });
}
