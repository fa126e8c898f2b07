import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { getPopularProducts } from '../use-cases/get-popular-products.js';
import { getSimilarProducts } from '../use-cases/get-similar-products.js';
import { Limit, ScoredProducts, SimilarProducts, Uuid } from './schemas.js';

const LimitQuery = Type.Object({ limit: Limit }, { additionalProperties: false });

export function recommendationsRoutes(app: HttpApp, deps: RecommendationDeps): void {
  app.get(
    '/api/v1/recommendations/popular',
    {
      schema: {
        tags: ['recommendations'],
        description: 'Products ranked by recent views, add-to-carts and purchases, older ones weighing less.',
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
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        querystring: LimitQuery,
        response: { 200: SimilarProducts },
      },
    },
    async (request) => getSimilarProducts(deps, { productId: request.params.id, limit: request.query.limit }),
  );
}
