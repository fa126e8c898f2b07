import { maxPageLimit, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { SearchSort } from '../domain/search-request.js';

const Slug = Type.String({ minLength: 1, maxLength: 160, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
const MinorUnits = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'integer minor units' });
const Uuid = Type.String({ format: 'uuid' });

/** `attr.<name>=value` (repeat it for any of several values): an attribute filter, e.g. `attr.size=M`. */
export const attributeParam = /^attr\.(.+)$/;

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'websearch syntax: "quoted phrase", -excluded, or' }),
    ),
    category: Type.Optional(Slug),
    brand: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    minPrice: Type.Optional(MinorUnits),
    maxPrice: Type.Optional(MinorUnits),
    inStock: Type.Optional(Type.Boolean()),
    minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
    sort: Type.Union(SearchSort.anyOf, { default: 'relevance' }),
    limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 24 }),
    cursor: pageQuery.cursor,
  },
  {
    additionalProperties: false,
    // Attribute filters: any `attr.<name>`, name case-insensitive.
    patternProperties: {
      '^attr\\.[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$': Type.Array(Type.String({ minLength: 1, maxLength: 80 }), {
        minItems: 1,
        maxItems: 10,
      }),
    },
  },
);

const Hit = Type.Object(
  {
    productId: Uuid,
    slug: Type.String(),
    title: Type.String(),
    brand: Type.Union([Type.String(), Type.Null()]),
    imageUrl: Type.Union([Type.String(), Type.Null()]),
    priceMinMinor: Type.Integer(),
    priceMaxMinor: Type.Integer(),
    currency: Type.String(),
    inStock: Type.Boolean(),
    rating: Type.Number(),
    score: Type.Number(),
  },
  { additionalProperties: false },
);

const FacetValue = Type.Object(
  { value: Type.String(), count: Type.Integer() },
  { additionalProperties: false },
);

const Facets = Type.Object(
  {
    brand: Type.Array(FacetValue),
    category: Type.Array(
      Type.Object(
        {
          value: Type.String({ description: 'category slug' }),
          name: Type.String(),
          parent: Type.Union([Type.String(), Type.Null()], { description: "the parent's slug" }),
          depth: Type.Integer({ description: '0 for a root' }),
          count: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    price: Type.Array(
      Type.Object(
        {
          fromMinor: Type.Integer(),
          toMinor: Type.Union([Type.Integer(), Type.Null()]),
          count: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    attributes: Type.Array(
      Type.Object(
        { name: Type.String({ description: 'filter with attr.<name>=' }), values: Type.Array(FacetValue) },
        { additionalProperties: false },
      ),
    ),
    rating: Type.Array(
      Type.Object({ minRating: Type.Number(), count: Type.Integer() }, { additionalProperties: false }),
    ),
    availability: Type.Object(
      { inStock: Type.Integer(), outOfStock: Type.Integer() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const SearchResponse = Type.Object(
  {
    hits: Type.Array(Hit),
    total: Type.Integer(),
    /** `fuzzy` when nothing matched word for word and similar titles are shown instead. */
    matchMode: Type.Union([Type.Literal('all'), Type.Literal('fulltext'), Type.Literal('fuzzy')]),
    facets: Facets,
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    queryId: Type.Union([Type.Integer(), Type.Null()], {
      description: 'this search in the log (first pages): send it with clicks on its hits',
    }),
  },
  { additionalProperties: false },
);

export const SuggestQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100 }),
    limit: Type.Integer({ minimum: 1, maximum: 10, default: 10 }),
  },
  { additionalProperties: false },
);

export const SuggestResponse = Type.Object(
  {
    suggestions: Type.Array(
      Type.Object(
        { text: Type.String(), productId: Uuid, slug: Type.String() },
        { additionalProperties: false },
      ),
      { description: 'product titles' },
    ),
    queries: Type.Array(
      Type.Object({ text: Type.String(), searches: Type.Integer() }, { additionalProperties: false }),
      { description: 'what other shoppers searched for and found, most searched first' },
    ),
  },
  { additionalProperties: false },
);

export const ClickBody = Type.Object(
  {
    queryId: Type.Integer({ minimum: 1 }),
    productId: Uuid,
    position: Type.Integer({ minimum: 1, maximum: 10_000, description: '1-based rank of the hit' }),
  },
  { additionalProperties: false },
);
