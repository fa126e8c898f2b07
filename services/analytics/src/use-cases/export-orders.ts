import { ordersInRange } from '../db/orders-export.query.js';
import { csvRow } from '../domain/csv.js';
import type { ReportRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

const header = [
  'order_id',
  'number',
  'customer_key',
  'currency',
  'total_minor',
  'items_count',
  'status',
  'placed_at',
  'paid',
  'refunded_minor',
];

/**
 * Every order of the range as CSV lines, produced as the response reads
 * them: the rows come in keyset pages, so memory stays bounded however
 * large the export.
 */
export async function* orderCsvLines(
  deps: AnalyticsDeps,
  range: ReportRange & { currency?: string | undefined },
): AsyncGenerator<string> {
  yield csvRow(header);
  for await (const o of ordersInRange(deps.db, range)) {
    yield csvRow([
      o.order_id,
      o.number,
      o.customer_key,
      o.currency,
      Number(o.total_minor),
      o.items_count,
      o.status,
      o.placed_at,
      o.paid ? 1 : 0,
      Number(o.refunded_minor),
    ]);
  }
}
