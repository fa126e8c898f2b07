import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { ProductDeps } from '../use-cases/deps.js';
import { getProductImage } from '../use-cases/get-product-image.js';

export const ImageParams = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    imageId: Type.String({ pattern: '^[0-9a-f]{32}$' }),
  },
  { additionalProperties: false },
);

/** An image id is its content hash: a URL's bytes never change, so caches may keep them for good. */
const immutable = 'public, max-age=31536000, immutable';

export function productImagesRoutes(app: HttpApp, deps: ProductDeps): void {
  app.get(
    '/api/v1/products/:id/images/:imageId/:size',
    {
      schema: {
        tags: ['images'],
        params: Type.Object(
          { ...ImageParams.properties, size: Type.Integer({ minimum: 1, maximum: 10_000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id, imageId, size } = request.params;
      const etag = `"${imageId}-${size}"`;
      if (request.headers['if-none-match'] === etag) {
        return reply.code(304).header('etag', etag).header('cache-control', immutable).send();
      }
      const image = await getProductImage(deps, { productId: id.toLowerCase(), imageId, size });
      reply
        .type(image.contentType)
        .header('cache-control', immutable)
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff');
      if (image.size !== undefined) reply.header('content-length', image.size);
      return reply.send(image.body);
    },
  );
}
