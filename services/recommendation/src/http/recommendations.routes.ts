import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { getForYou } from '../use-cases/get-for-you.js';
import { getPopularProducts } from '../use-cases/get-popular-products.js';
import { getBoughtTogether, getSimilarProducts } from '../use-cases/get-similar-products.js';
import { ForYou, ForYouQuery, Limit, ProductRecommendations, ScoredProducts, Uuid } from './schemas.js';

const LimitQuery = Type.Object({ limit: Limit }, { additionalProperties: false });
const ProductParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** Public storefront reads: anonymous shoppers get answers too. */
export function recommendationsRoutes(app: HttpApp, deps: RecommendationDeps): void {
  app.get(
    '/api/v1/recommendations/popular',
    {
      schema: {
        tags: ['recommendations'],
        description:
          'Products ranked by recent views, add-to-carts and purchases, older ones weighing less; out-of-stock ones left out.',
        querystring: LimitQuery,
        response: { 200: ScoredProducts },
      },
    },
    async (request) => getPopularProducts(deps, { limit: request.query.limit }),
  );

  app.get(
    '/api/v1/recommendations/products/:id/similar',
    {
      schema: {
        tags: ['recommendations'],
        description: 'Products seen together with this one or alike in content (TF-IDF), blended.',
        params: ProductParams,
        querystring: LimitQuery,
        response: { 200: ProductRecommendations },
      },
    },
    async (request) => getSimilarProducts(deps, { productId: request.params.id, limit: request.query.limit }),
  );

  app.get(
    '/api/v1/recommendations/products/:id/bought-together',
    {
      schema: {
        tags: ['recommendations'],
        description: 'Products frequently bought together with this one (co-purchases).',
        params: ProductParams,
        querystring: LimitQuery,
        response: { 200: ProductRecommendations },
      },
    },
    async (request) => getBoughtTogether(deps, { productId: request.params.id, limit: request.query.limit }),
  );

  // DESIGN §9 names it /me; /for-you is the same answer under the name the storefront uses.
  for (const path of ['/api/v1/recommendations/me', '/api/v1/recommendations/for-you']) {
    app.get(
      path,
      {
        schema: {
          tags: ['recommendations'],
          description:
            'Recommendations for the signed-in user (bearer token) and/or an anonymous session (`sessionId`): ' +
            'a blend of what they viewed, carted and bought; popular products for a shopper with no history.',
          querystring: ForYouQuery,
          response: { 200: ForYou },
        },
      },
      async (request) => {
        const principal = request.principal;
        return getForYou(deps, {
          userId: principal?.kind === 'user' ? principal.subject : undefined,
          sessionId: request.query.sessionId,
          limit: request.query.limit,
        });
      },
    );
  }
}
