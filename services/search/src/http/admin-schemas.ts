import { Type } from 'typebox';

const Term = Type.String({ minLength: 1, maxLength: 100 });

export const SynonymRule = Type.Object(
  {
    terms: Type.Array(Term, { minItems: 1, maxItems: 20 }),
    expandsTo: Type.Optional(
      Type.Array(Term, {
        minItems: 1,
        maxItems: 20,
        description: 'one way: each term also finds these; without it the terms are equivalent',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Synonyms = Type.Object(
  { rules: Type.Array(SynonymRule, { maxItems: 1_000 }) },
  { additionalProperties: false },
);

export const AnalyticsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const AnalyticsResponse = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    searches: Type.Integer(),
    zeroResultSearches: Type.Integer(),
    clickedSearches: Type.Integer(),
    clicks: Type.Integer(),
    clickThroughRate: Type.Number(),
    topQueries: Type.Array(
      Type.Object(
        {
          query: Type.String(),
          searches: Type.Integer(),
          clickedSearches: Type.Integer(),
          averageResults: Type.Integer(),
          clickThroughRate: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
    zeroResultQueries: Type.Array(
      Type.Object({ query: Type.String(), searches: Type.Integer() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const ReindexQuery = Type.Object(
  { wait: Type.Boolean({ default: false, description: 'answer when the rebuild is done' }) },
  { additionalProperties: false },
);

const ReindexReport = Type.Object(
  { documents: Type.Integer(), pages: Type.Integer(), durationMs: Type.Integer() },
  { additionalProperties: false },
);

export const ReindexStatus = Type.Object(
  {
    running: Type.Boolean(),
    /** The last rebuild this instance ran. */
    last: Type.Union([
      Type.Object(
        {
          startedAt: Type.String({ format: 'date-time' }),
          finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
          report: Type.Union([ReindexReport, Type.Null()]),
          error: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

export { ReindexReport };
