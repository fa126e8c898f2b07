import { Readable } from 'node:stream';
import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { ProductStatus } from '../domain/product.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { exportProducts } from '../use-cases/export-products.js';
import { importProducts } from '../use-cases/import-products.js';

const ImportResult = Type.Object(
  {
    created: Type.Integer(),
    products: Type.Array(
      Type.Object(
        { row: Type.Integer(), id: Type.String({ format: 'uuid' }), slug: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Admin scope (products:write): catalog import (JSON array or CSV) and streamed export. */
export async function productsIoRoutes(
  app: HttpApp,
  deps: ProductDeps & { importMaxBytes: number },
): Promise<void> {
  app.addHook('onRequest', requirePermission('products:write'));
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: deps.importMaxBytes },
    (_r, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/products/import',
    {
      bodyLimit: deps.importMaxBytes,
      schema: {
        tags: ['products'],
        description:
          'All or nothing. `application/json`: an array of products shaped like POST /products. ' +
          '`text/csv`: one row per variant, header as GET /products/export?format=csv writes it.',
        body: Type.Union([Type.Array(Type.Unknown()), Type.String()]),
        response: { 201: ImportResult },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await importProducts(
        deps,
        request.ctx,
        typeof body === 'string' ? { format: 'csv', text: body } : { format: 'json', items: body },
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/v1/products/export',
    {
      schema: {
        tags: ['products'],
        querystring: Type.Object(
          {
            format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'json' }),
            status: Type.Optional(ProductStatus),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format, status } = request.query;
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="products-${day}.${format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(exportProducts(deps, { format, status })));
    },
  );
}
