import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { productErrors } from '../domain/errors.js';
import { ProductImage } from '../domain/product.js';
import { deleteProductImage } from '../use-cases/delete-product-image.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { uploadProductImage } from '../use-cases/upload-product-image.js';
import { ImageParams } from './product-images.routes.js';
import { IdParams, Product } from './schemas.js';

/** Reads the one file part; its size is counted on the bytes received, whatever the headers claim. */
async function fileOf(request: import('fastify').FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw productErrors.IMAGE_REQUIRED();
  const part = await request.file();
  if (part?.fieldname !== 'file') throw productErrors.IMAGE_REQUIRED();
  try {
    return await part.toBuffer();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw productErrors.IMAGE_TOO_LARGE();
    throw error;
  }
}

/** Admin scope (products:write): image upload and removal. Multipart is parsed only here. */
export async function productImagesAdminRoutes(app: HttpApp, deps: ProductDeps): Promise<void> {
  app.addHook('onRequest', requirePermission('products:write'));
  await app.register(multipart, {
    limits: { fileSize: deps.images.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 50 },
  });

  app.post(
    '/api/v1/products/:id/images',
    {
      schema: {
        tags: ['images'],
        description: 'multipart/form-data with one part named "file" (JPEG, PNG, WebP, GIF or AVIF).',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: Type.Object(
          { alt: Type.String({ maxLength: 300, default: '' }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ image: ProductImage, product: Product }, { additionalProperties: false }),
        },
      },
    },
    async (request, reply) => {
      const data = await fileOf(request);
      const result = await uploadProductImage(deps, request.ctx, {
        productId: request.params.id,
        data,
        alt: request.query.alt,
      });
      return reply
        .code(201)
        .header('location', result.image.urls['480'] ?? '')
        .send(result);
    },
  );

  app.delete(
    '/api/v1/products/:id/images/:imageId',
    { schema: { tags: ['images'], params: ImageParams, response: { 200: Product } } },
    async (request) =>
      deleteProductImage(deps, request.ctx, {
        productId: request.params.id,
        imageId: request.params.imageId,
      }),
  );
}
