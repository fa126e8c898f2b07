import { Type } from 'typebox';
import { Slug } from './schemas.js';

export const Category = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.String(),
    path: Type.Array(Type.String()),
    position: Type.Integer(),
  },
  { additionalProperties: false },
);

/** A category with its subtree: a cyclic schema, so the tree nests to any depth. */
export const CategoryNode = Type.Cyclic(
  {
    CategoryNode: Type.Object(
      { ...Category.properties, children: Type.Array(Type.Ref('CategoryNode')) },
      { additionalProperties: false },
    ),
  },
  'CategoryNode',
);

export const CategoryInput = Type.Object(
  {
    slug: Slug,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    parentSlug: Type.Optional(Slug),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export const CategoryPatch = Type.Object(
  {
    slug: Type.Optional(Slug),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    /** Another category's slug to move under it, or null to move to the root. */
    parentSlug: Type.Optional(Type.Union([Slug, Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CategoryParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
