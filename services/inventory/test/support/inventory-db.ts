import pg from 'pg';

export interface OutboxEvent {
  type: string;
  subject: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on payload shapes
  data: any;
}

/** Reads the inventory database behind a test service: what the API does not show (ledger, outbox, constraints). */
export function inventoryDb(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  // biome-ignore lint/suspicious/noExplicitAny: rows of arbitrary queries
  const rows = async (text: string, params: unknown[] = []): Promise<any[]> =>
    (await pool.query(text, params)).rows;
  return {
    rows,
    /** Every event written for a subject (sku or order id), in sequence order. */
    eventsOf: async (subject: string): Promise<OutboxEvent[]> =>
      (
        await rows(
          'select event_type, aggregate_id, envelope from inventory.outbox where aggregate_id = $1 order by sequence',
          [subject],
        )
      ).map((r) => ({ type: r.event_type, subject: r.aggregate_id, data: r.envelope.data })),
    countOf: async (type: string, subjectPrefix = ''): Promise<number> =>
      Number(
        (
          await rows(
            'select count(*) as n from inventory.outbox where event_type = $1 and aggregate_id like $2',
            [type, `${subjectPrefix}%`],
          )
        )[0].n,
      ),
    close: () => pool.end(),
  };
}

export type InventoryDbClient = ReturnType<typeof inventoryDb>;
