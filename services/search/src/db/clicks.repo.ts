import { sql } from 'drizzle-orm';
import type { SearchDb } from './database.js';
import { clicks, queries } from './schema.js';

/** Records a click on a hit of a logged search; false when no such search was logged. */
export async function recordClick(
  db: Pick<SearchDb, 'execute'>,
  click: { queryId: number; productId: string; position: number },
): Promise<boolean> {
  const result = await db.execute(sql`
    insert into ${clicks} (query_id, product_id, position)
    select id, ${click.productId}, ${click.position} from ${queries} where id = ${click.queryId}`);
  return (result.rowCount ?? 0) > 0;
}
