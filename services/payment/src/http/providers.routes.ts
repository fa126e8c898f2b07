import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { providerNames } from '../domain/payment-enums.js';
import type { PaymentDeps } from '../use-cases/deps.js';

/**
 * The providers a client may pay with, and what it needs to tokenise a card
 * with each (the sandbox's tokenise URL, Stripe's publishable key): the card
 * number goes to the provider, only its token comes here.
 */
export function providersRoutes(app: HttpApp, deps: PaymentDeps): void {
  app.get(
    '/api/v1/payments/providers',
    {
      schema: {
        tags: ['payments'],
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  { name: Type.Enum(providerNames), client: Type.Record(Type.String(), Type.String()) },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async () => ({
      items: [...deps.providers.values()].map((provider) => ({
        name: provider.name,
        client: provider.clientSettings(),
      })),
    }),
  );
}
