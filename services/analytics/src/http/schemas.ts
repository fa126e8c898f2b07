import { type TSchema, Type } from 'typebox';
import { intervals } from '../domain/report-range.js';

/** A date (UTC midnight) or a date-time with its offset. */
export const Bound = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
export const Interval = Type.Enum(intervals, { default: 'day' });
const Rate = Type.Number({ minimum: 0 });
const Count = Type.Integer({ minimum: 0 });
const DateTime = Type.String({ format: 'date-time' });

export const RangeQuery = {
  from: Type.Optional(Bound),
  /** Exclusive. */
  to: Type.Optional(Bound),
  currency: Type.Optional(Currency),
};

const strict = <T extends Record<string, TSchema>>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

const Amounts = {
  orders: Count,
  revenueMinor: Type.Integer(),
  refundsMinor: Type.Integer(),
  netRevenueMinor: Type.Integer(),
  averageOrderValueMinor: Type.Integer(),
  units: Count,
};

export const SalesReport = strict({
  from: DateTime,
  to: DateTime,
  interval: Type.Enum(intervals),
  currency: Currency,
  series: Type.Array(strict({ period: Type.String({ format: 'date' }), ...Amounts })),
  totals: strict(Amounts),
});

export const TopProductsReport = strict({
  from: DateTime,
  to: DateTime,
  currency: Currency,
  items: Type.Array(
    strict({
      productId: Type.String(),
      title: Type.String(),
      categorySlug: Type.Union([Type.String(), Type.Null()]),
      units: Count,
      revenueMinor: Type.Integer(),
      orders: Count,
    }),
  ),
});

export const CategoriesReport = strict({
  from: DateTime,
  to: DateTime,
  currency: Currency,
  items: Type.Array(
    strict({
      category: Type.String(),
      products: Count,
      units: Count,
      revenueMinor: Type.Integer(),
      orders: Count,
    }),
  ),
});

const RefundAmounts = { refunds: Count, refundedMinor: Type.Integer() };

export const RefundsReport = strict({
  from: DateTime,
  to: DateTime,
  interval: Type.Enum(intervals),
  currency: Currency,
  series: Type.Array(strict({ period: Type.String({ format: 'date' }), ...RefundAmounts })),
  totals: strict(RefundAmounts),
  byReason: Type.Array(strict({ reason: Type.String(), ...RefundAmounts })),
});

export const CustomersReport = strict({
  from: DateTime,
  to: DateTime,
  interval: Type.Enum(intervals),
  series: Type.Array(
    strict({
      period: Type.String({ format: 'date' }),
      customers: Count,
      newCustomers: Count,
      returningCustomers: Count,
    }),
  ),
  cohorts: Type.Array(
    strict({
      cohort: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
      customers: Count,
      months: Type.Array(strict({ offset: Count, customers: Count, rate: Rate })),
    }),
  ),
});

export const FunnelReport = strict({
  from: DateTime,
  to: DateTime,
  steps: Type.Array(
    strict({
      step: Type.Enum(['view', 'cart', 'checkout', 'paid']),
      visitors: Count,
      conversionFromPrevious: Rate,
      conversionFromStart: Rate,
    }),
  ),
});

const TermStats = {
  searches: Count,
  zeroResultSearches: Count,
  clickedSearches: Count,
  zeroResultRate: Rate,
  clickThroughRate: Rate,
};

export const SearchReport = strict({
  from: DateTime,
  to: DateTime,
  totals: strict(TermStats),
  terms: Type.Array(strict({ term: Type.String(), ...TermStats })),
  zeroResultTerms: Type.Array(strict({ term: Type.String(), ...TermStats })),
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PerformanceReport = strict({
  windowMinutes: Count,
  services: Type.Array(
    strict({
      service: Type.String(),
      up: Nullable(Type.Boolean()),
      lastScrapedAt: Nullable(DateTime),
      lastError: Nullable(Type.String()),
      requestsPerSecond: Nullable(Rate),
      requests: Type.Number({ minimum: 0 }),
      errorRate: Rate,
      p95Ms: Nullable(Rate),
    }),
  ),
});
