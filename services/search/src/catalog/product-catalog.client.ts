import type { ServiceLocator } from '@emporium/platform/discovery/service-locator';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { createServiceClient } from '@emporium/platform/resilience/service-client';
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { CatalogProduct, KnownCategory } from '../domain/catalog-product.js';

/**
 * What the search service reads of the product service's API (DESIGN §9),
 * checked at this edge. Only the members used are named; the API may carry
 * more, so objects are open here (the product service's own schemas are strict).
 */
const Variant = Type.Object({
  sku: Type.String({ minLength: 1 }),
  priceMinor: Type.Integer({ minimum: 0 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  options: Type.Record(Type.String(), Type.String()),
});
const ApiProduct = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String({ minLength: 1 }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]),
  title: Type.String({ minLength: 1 }),
  description: Type.String(),
  brand: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  variants: Type.Array(Variant, { minItems: 1 }),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
  createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  rating: Type.Optional(Type.Object({ average: Type.Number(), count: Type.Integer() })),
  category: Type.Optional(
    Type.Union([
      Type.Object({
        slug: Type.String(),
        name: Type.String(),
        path: Type.Optional(Type.Array(Type.String())),
      }),
      Type.Null(),
    ]),
  ),
});
const ProductPage = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
interface CategoryNode {
  slug: string;
  name: string;
  path: string[];
  children: CategoryNode[];
}
const CategoryTree = Type.Object({ items: Type.Array(Type.Unknown()) });

export interface ProductCatalog {
  /** Every category of the tree, flattened. */
  categories(ctx: RequestContext | undefined): Promise<KnownCategory[]>;
  /** One keyset page of active product ids. */
  activeProductIds(
    ctx: RequestContext | undefined,
    cursor: string | null,
  ): Promise<{ ids: string[]; nextCursor: string | null }>;
  /** The whole product; undefined when it is gone. */
  product(ctx: RequestContext | undefined, id: string): Promise<CatalogProduct | undefined>;
}

export class CatalogResponseError extends Error {
  constructor(path: string, detail: string) {
    super(`product service answered ${path} with ${detail}`);
    this.name = 'CatalogResponseError';
  }
}

function checked<T extends TSchema>(schema: T, path: string, status: number, body: unknown): Static<T> {
  if (status !== 200) throw new CatalogResponseError(path, `status ${status}`);
  if (!Value.Check(schema, body)) {
    const first = Value.Errors(schema, body)[0];
    throw new CatalogResponseError(
      path,
      `an unexpected body (${first?.instancePath ?? ''} ${first?.message ?? ''})`,
    );
  }
  return body as Static<T>;
}

export function createProductCatalog(settings: {
  locator: ServiceLocator;
  pageSize: number;
  serviceAuthorization?: () => string | undefined;
}): ProductCatalog {
  const client = createServiceClient({
    caller: 'search',
    target: 'product',
    locator: settings.locator,
    ...(settings.serviceAuthorization ? { serviceAuthorization: settings.serviceAuthorization } : {}),
  });
  const get = (ctx: RequestContext | undefined, path: string) => client.call(ctx, { method: 'GET', path });

  return {
    async categories(ctx) {
      const path = '/api/v1/categories';
      const response = await get(ctx, path);
      const tree = checked(CategoryTree, path, response.status, response.body).items as CategoryNode[];
      const flat: KnownCategory[] = [];
      const walk = (nodes: CategoryNode[]) => {
        for (const node of nodes) {
          flat.push({ slug: node.slug, name: node.name, path: node.path });
          walk(node.children ?? []);
        }
      };
      walk(tree);
      return flat;
    },

    async activeProductIds(ctx, cursor) {
      const query = new URLSearchParams({ status: 'active', limit: String(settings.pageSize) });
      if (cursor) query.set('cursor', cursor);
      const path = `/api/v1/products?${query}`;
      const response = await get(ctx, path);
      const page = checked(ProductPage, path, response.status, response.body);
      return { ids: page.items.map((item) => item.id), nextCursor: page.nextCursor };
    },

    async product(ctx, id) {
      const path = `/api/v1/products/${encodeURIComponent(id)}`;
      const response = await get(ctx, path);
      if (response.status === 404) return undefined;
      const product = checked(ApiProduct, path, response.status, response.body);
      const { category, ...rest } = product;
      return {
        ...rest,
        categorySlugs: category ? [category.slug] : [],
        category: category?.path ? { slug: category.slug, name: category.name, path: category.path } : null,
      };
    },
  };
}
