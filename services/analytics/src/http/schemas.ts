import { Type } from 'typebox';
import { intervals } from '../domain/report-range.js';

/** A date (UTC midnight) or a date-time with its offset. */
export const Bound = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
export const Interval = Type.Enum(intervals, { default: 'day' });

export const RangeQuery = {
  from: Type.Optional(Bound),
  /** Exclusive. */
  to: Type.Optional(Bound),
  currency: Type.Optional(Currency),
};

const Amounts = {
  orders: Type.Integer(),
  revenueMinor: Type.Integer(),
  averageOrderValueMinor: Type.Integer(),
  units: Type.Integer(),
};

export const SalesReport = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    interval: Type.Enum(intervals),
    currency: Currency,
    series: Type.Array(
      Type.Object({ period: Type.String({ format: 'date' }), ...Amounts }, { additionalProperties: false }),
    ),
    totals: Type.Object(Amounts, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const TopProductsReport = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    currency: Currency,
    items: Type.Array(
      Type.Object(
        {
          productId: Type.String({ format: 'uuid' }),
          categorySlug: Type.Union([Type.String(), Type.Null()]),
          units: Type.Integer(),
          revenueMinor: Type.Integer(),
          orders: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
