import { hasPermission } from '@emporium/platform/auth/principal';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { productErrors } from '../domain/errors.js';
import { productSummaryView } from '../domain/product-view.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { getProduct } from '../use-cases/get-product.js';
import { getSkuPrice } from '../use-cases/get-sku-price.js';
import { listProducts } from '../use-cases/list-products.js';
import { IdOrSlug, Product, ProductListQuery, ProductPage, SkuParams, SkuPrice } from './schemas.js';

/** Drafts and archived products exist, for the public, only for those who manage the catalog. */
const seesUnpublished = (request: FastifyRequest) => hasPermission(request.principal, 'products:write');

export function productsRoutes(app: HttpApp, deps: ProductDeps): void {
  app.get(
    '/api/v1/products',
    { schema: { tags: ['products'], querystring: ProductListQuery, response: { 200: ProductPage } } },
    async (request) => {
      if (request.query.status !== 'active' && !seesUnpublished(request)) {
        throw platformErrors.FORBIDDEN(`listing ${request.query.status} products requires products:write`);
      }
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
    async (request) => {
      const product = await getProduct(deps, request.params.idOrSlug);
      if (product.status !== 'active' && !seesUnpublished(request))
        throw productErrors.PRODUCT_NOT_FOUND(`no product "${request.params.idOrSlug}"`);
      return product;
    },
  );

  app.get(
    '/api/v1/products/by-sku/:sku',
    { schema: { tags: ['products'], params: SkuParams, response: { 200: SkuPrice } } },
    async (request) => getSkuPrice(deps, request.params.sku),
  );
}
