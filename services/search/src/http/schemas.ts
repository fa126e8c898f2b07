import { maxPageLimit, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { SearchSort } from '../domain/search-request.js';

const Slug = Type.String({ minLength: 1, maxLength: 160, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
const MinorUnits = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'integer minor units' });

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'websearch syntax: "quoted phrase", -excluded' }),
    ),
    category: Type.Optional(Slug),
    brand: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    minPrice: Type.Optional(MinorUnits),
    maxPrice: Type.Optional(MinorUnits),
    inStock: Type.Optional(Type.Boolean()),
    sort: Type.Union(SearchSort.anyOf, { default: 'relevance' }),
    limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 24 }),
    cursor: pageQuery.cursor,
  },
  { additionalProperties: false },
);

const Hit = Type.Object(
  {
    productId: Type.String({ format: 'uuid' }),
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

export const SearchResponse = Type.Object(
  {
    hits: Type.Array(Hit),
    total: Type.Integer(),
    /** `fuzzy` when nothing matched word for word and similar titles are shown instead. */
    matchMode: Type.Union([Type.Literal('all'), Type.Literal('fulltext'), Type.Literal('fuzzy')]),
    facets: Type.Object(
      {
        brand: Type.Array(FacetValue),
        category: Type.Array(FacetValue),
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
      },
      { additionalProperties: false },
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
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
        { text: Type.String(), productId: Type.String({ format: 'uuid' }), slug: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
