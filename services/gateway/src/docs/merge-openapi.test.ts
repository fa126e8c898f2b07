import { describe, expect, it } from 'vitest';
import { mergeOpenApi } from './merge-openapi.js';

describe('merge openapi', () => {
  it('keeps only the paths the gateway routes to each service and renames component refs', () => {
    const merged = mergeOpenApi(
      {
        service: 'gateway',
        url: null,
        document: { paths: { '/health/ready': { get: { tags: ['operations'] } } } },
      },
      [
        {
          service: 'product',
          url: 'http://p',
          document: {
            paths: {
              '/api/v1/products': { get: { responses: { 200: { $ref: '#/components/responses/Page' } } } },
              '/api/v1/orders': { get: { tags: ['sneaky'] } },
              '/health/ready': { get: { tags: ['operations'] } },
            },
            components: { responses: { Page: { description: 'a page' } } },
          },
        },
        { service: 'order', url: null, error: 'no known instance' },
      ],
      '1.0.0',
    );
    expect(Object.keys(merged.paths).sort()).toEqual(['/api/v1/products', '/health/ready']);
    expect(merged.paths['/api/v1/products']).toEqual({
      get: { tags: ['product/default'], responses: { 200: { $ref: '#/components/responses/product.Page' } } },
    });
    expect(merged.paths['/health/ready']).toEqual({ get: { tags: ['gateway/operations'] } });
    expect(merged.components).toEqual({ responses: { 'product.Page': { description: 'a page' } } });
    expect(merged['x-emporium-services']).toEqual([
      { name: 'product', status: 'available', url: 'http://p' },
      { name: 'order', status: 'unavailable', url: null, error: 'no known instance' },
    ]);
  });
});
