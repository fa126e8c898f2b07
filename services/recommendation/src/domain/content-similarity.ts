/**
 * Content-based similarity: TF-IDF vectors over a product's title, brand,
 * category, tags and description, compared by cosine.
 *
 * Written here rather than taken from a library: no TF-IDF/BM25 package is
 * installed in the workspace (no natural, wink-nlp, lunr or minisearch), and
 * the whole model is a tokenizer, a document-frequency count and a sparse
 * dot product, about a hundred lines.
 */
import { type Neighbour, topK } from './item-similarity.js';

export interface ContentDocument {
  productId: string;
  title: string;
  description: string;
  brand: string | null;
  category: string;
  tags: string;
}

/** Words that say nothing about what a product is. */
const stopWords = new Set(
  (
    'a an and are as at be but by for from has have in into is it its of on or our over so that the their ' +
    "them these this those to up was were will with you your yours it’s it's can all any more most very " +
    'just also out off than then too when where which who why how what while whether about after before ' +
    'each other some such only own same both few no nor not s t don should now i me my we us they he she ' +
    'her his him am been being do does did doing would could make made one two size sizes fit fits'
  ).split(' '),
);

/**
 * The fields weigh differently: a shared title or category word says more
 * than a shared word deep in a description, so those fields are repeated.
 */
const fieldWeights = { title: 3, brand: 2, category: 2, wholeCategory: 4, tags: 2, description: 1 } as const;

/** Prefix of the whole-category feature; never pruned as too common (a big category is still a category). */
const categoryFeature = 'category:';

/** Lower-cased word tokens of at least two characters, with a light plural fold ("dresses" → "dress"). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || stopWords.has(raw) || /^\d+$/.test(raw)) continue;
    tokens.push(fold(raw));
  }
  return tokens;
}

function fold(word: string): string {
  if (word.length > 4 && word.endsWith('sses')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) {
    return word.slice(0, -1);
  }
  return word;
}

function termCounts(doc: ContentDocument): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string | null, weight: number) => {
    if (!text) return;
    for (const token of tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + weight);
  };
  add(doc.title, fieldWeights.title);
  add(doc.brand, fieldWeights.brand);
  add(doc.category, fieldWeights.category);
  // The category as a whole, one feature of its own: what shoppers mean by "similar" first.
  if (doc.category) counts.set(`${categoryFeature}${doc.category.toLowerCase()}`, fieldWeights.wholeCategory);
  add(doc.tags, fieldWeights.tags);
  add(doc.description, fieldWeights.description);
  return counts;
}

/** A unit-length sparse vector: term → weight. */
export type SparseVector = Map<string, number>;

export interface TfIdfModel {
  ids: string[];
  indexOf: Map<string, number>;
  /** Per document: its terms' posting numbers and weights, unit length. */
  vectors: Array<Array<[string, number]>>;
  /** term → [document index, weight] of every document whose vector holds it. */
  postings: Map<string, Array<[number, number]>>;
}

/**
 * Sublinear TF (1 + ln tf) times smoothed IDF (ln((1 + N) / (1 + df)) + 1).
 * Terms in more than `maxDocShare` of the documents (and more than 50) are dropped (like
 * scikit-learn's max_df: "fabric", "wash" say nothing about a product and
 * their long posting lists would make every comparison slow), then each
 * vector is cut to its `maxTerms` heaviest terms and normalised to length 1.
 */
export function buildTfIdf(
  docs: readonly ContentDocument[],
  options: { maxTerms?: number; maxDocShare?: number } = {},
): TfIdfModel {
  const maxTerms = options.maxTerms ?? 40;
  const n = docs.length;
  // A small catalog keeps every term: the pruning is for speed, and there is nothing to speed up.
  const maxDf = Math.max(50, Math.floor((options.maxDocShare ?? 0.1) * n));
  const counts = docs.map((doc) => termCounts(doc));
  const df = new Map<string, number>();
  for (const terms of counts) for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const ids = docs.map((doc) => doc.productId);
  const vectors: TfIdfModel['vectors'] = [];
  const postings: TfIdfModel['postings'] = new Map();
  counts.forEach((terms, index) => {
    const weighted: Array<[string, number]> = [];
    for (const [term, tf] of terms) {
      const d = df.get(term)!;
      if (d > maxDf && !term.startsWith(categoryFeature)) continue;
      weighted.push([term, (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + d)) + 1)]);
    }
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const kept = weighted.slice(0, maxTerms);
    const norm = Math.sqrt(kept.reduce((sum, [, w]) => sum + w * w, 0));
    const vector = kept.map(([term, w]): [string, number] => [term, norm > 0 ? w / norm : 0]);
    vectors.push(vector);
    for (const [term, w] of vector) {
      let list = postings.get(term);
      if (!list) {
        list = [];
        postings.set(term, list);
      }
      list.push([index, w]);
    }
  });
  return { ids, indexOf: new Map(ids.map((id, i) => [id, i])), vectors, postings };
}

/** The `k` products most alike in content to `productId` (cosine of unit vectors: a sparse dot product). */
export function contentNeighboursOf(
  model: TfIdfModel,
  productId: string,
  options: { k: number; minScore?: number },
): Neighbour[] {
  const self = model.indexOf.get(productId);
  if (self === undefined) return [];
  const scores = new Float64Array(model.ids.length);
  const touched: number[] = [];
  for (const [term, weight] of model.vectors[self]!) {
    for (const [other, otherWeight] of model.postings.get(term)!) {
      if (other === self) continue;
      if (scores[other] === 0) touched.push(other);
      scores[other]! += weight * otherWeight;
    }
  }
  const minScore = options.minScore ?? 0;
  const neighbours: Neighbour[] = [];
  for (const other of touched) {
    const score = scores[other]!;
    if (score > minScore) neighbours.push({ neighbourId: model.ids[other]!, score: Math.min(1, score) });
  }
  return topK(neighbours, options.k);
}
