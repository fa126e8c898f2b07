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
