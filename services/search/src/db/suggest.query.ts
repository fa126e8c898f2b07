import { and, desc, ilike, not, sql } from 'drizzle-orm';
import type { Suggestion } from '../domain/search-engine.js';
import type { SearchReader } from './database.js';
import { documents } from './schema.js';

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Below three characters trigrams say nothing: titles starting with the text, by a btree range. */
const minTrigramLength = 3;

const columns = { text: documents.title, productId: documents.productId, slug: documents.slug };

/**
 * Titles containing what was typed (the trigram index answers the ILIKE),
 * those starting with it first, then the closest, then the most popular;
 * only when they are fewer than asked, titles merely like it (typos).
 * The similarity pass costs ~40× the substring one at 50k products (it
 * scores every title sharing a trigram), so a keystroke that matches skips it.
 * One or two characters: titles starting with them.
 */
export async function suggestTitles(db: SearchReader, prefix: string, limit: number): Promise<Suggestion[]> {
  if (prefix.length < minTrigramLength) {
    return db
      .select(columns)
      .from(documents)
      .where(sql`lower(${documents.title}) like ${`${escapeLike(prefix.toLowerCase())}%`}`)
      .orderBy(desc(documents.popularity), desc(documents.productId))
      .limit(limit);
  }
  const escaped = escapeLike(prefix);
  const containing = ilike(documents.title, `%${escaped}%`);
  const found = await db
    .select(columns)
    .from(documents)
    .where(containing)
    .orderBy(
      desc(sql`${documents.title} ilike ${`${escaped}%`}`),
      desc(sql`word_similarity(${prefix}, ${documents.title})`),
      desc(documents.popularity),
      desc(documents.productId),
    )
    .limit(limit);
  if (found.length >= limit) return found;
  const alike = await db
    .select(columns)
    .from(documents)
    .where(and(sql`${prefix} <% ${documents.title}`, not(containing)))
    .orderBy(
      desc(sql`word_similarity(${prefix}, ${documents.title})`),
      desc(documents.popularity),
      desc(documents.productId),
    )
    .limit(limit - found.length);
  return [...found, ...alike];
}
