import type { HttpApp } from '@emporium/platform/http/create-http-app';
import type { SearchDeps } from '../use-cases/deps.js';
import { searchProducts } from '../use-cases/search-products.js';
import { suggestTitles } from '../use-cases/suggest-titles.js';
import { SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from './schemas.js';

export function searchRoutes(app: HttpApp, deps: SearchDeps): void {
  app.get(
    '/api/v1/search',
    { schema: { tags: ['search'], querystring: SearchQuery, response: { 200: SearchResponse } } },
    async (request) => {
      const result = await searchProducts(deps, request.ctx, request.query);
      return {
        hits: result.page.items.map(({ createdAt: _, ...hit }) => hit),
        total: result.total,
        matchMode: result.mode,
        facets: result.facets,
        nextCursor: result.page.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/search/suggest',
    { schema: { tags: ['search'], querystring: SuggestQuery, response: { 200: SuggestResponse } } },
    async (request) => ({ suggestions: await suggestTitles(deps, request.query) }),
  );
}
