/** The search report for admins over a period [from, to). */
export interface SearchAnalytics {
  from: Date;
  to: Date;
  /** Searches with text (first pages) in the period. */
  searches: number;
  zeroResultSearches: number;
  /** Searches after which at least one hit was opened. */
  clickedSearches: number;
  clicks: number;
  /** clickedSearches / searches (0 when there were none). */
  clickThroughRate: number;
  topQueries: Array<{
    query: string;
    searches: number;
    clickedSearches: number;
    averageResults: number;
    clickThroughRate: number;
  }>;
  zeroResultQueries: Array<{ query: string; searches: number }>;
}

/** The default period: the last 30 days. */
export const defaultAnalyticsDays = 30;
