import { desc, ilike, or, sql } from 'drizzle-orm';
import type { Suggestion } from '../domain/search-engine.js';
import type { SearchReader } from './database.js';
import { documents } from './schema.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Titles containing what was typed (trigram index answers the ILIKE), or
 * close to it (typos); titles starting with it first, then the closest,
 * then the most popular.
 */
export async function suggestTitles(db: SearchReader, prefix: string, limit: number): Promise<Suggestion[]> {
  const escaped = escapeLike(prefix);
  const rows = await db
    .select({ text: documents.title, productId: documents.productId, slug: documents.slug })
    .from(documents)
    .where(or(ilike(documents.title, `%${escaped}%`), sql`${prefix} <% ${documents.title}`))
    .orderBy(
      desc(sql`${documents.title} ilike ${`${escaped}%`}`),
      desc(sql`word_similarity(${prefix}, ${documents.title})`),
      desc(documents.popularity),
      desc(documents.productId),
    )
    .limit(limit);
  return rows;
}
