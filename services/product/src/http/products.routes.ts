import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { ProductDeps } from '../use-cases/deps.js';
import { getProduct } from '../use-cases/get-product.js';
import { getSkuPrice } from '../use-cases/get-sku-price.js';
import { listProducts } from '../use-cases/list-products.js';
import { productSummaryView, productView } from './product-views.js';
import { IdOrSlug, Product, ProductListQuery, ProductPage, SkuParams, SkuPrice } from './schemas.js';

export function productsRoutes(app: HttpApp, deps: ProductDeps): void {
  app.get(
    '/api/v1/products',
    { schema: { tags: ['products'], querystring: ProductListQuery, response: { 200: ProductPage } } },
    async (request) => {
      const page = await listProducts(deps, request.query);
      return { items: page.items.map(productSummaryView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/products/:idOrSlug',
    {
      schema: {
        tags: ['products'],
        params: Type.Object({ idOrSlug: IdOrSlug }, { additionalProperties: false }),
        response: { 200: Product },
      },
    },
    async (request) => productView(await getProduct(deps, request.params.idOrSlug)),
  );

  app.get(
    '/api/v1/products/by-sku/:sku',
    { schema: { tags: ['products'], params: SkuParams, response: { 200: SkuPrice } } },
    async (request) => getSkuPrice(deps, request.params.sku),
  );
}
