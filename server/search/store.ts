/**
 * The search index's port inside the room: what the indexing and query code needs from the
 * database's full-text engine. One adapter per dialect (sqlite-search.repository.ts,
 * postgres-search.repository.ts), picked by the dialect's name.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../platform/db/dialects/dialect.ts';
import type { Database } from '../platform/db/schema.ts';
import { postgresSearch } from './postgres-search.repository.ts';
import { sqliteSearch } from './sqlite-search.repository.ts';

export type Q = Kysely<Database>;

/** A document ready to store: display fields, its key, and its segmented title and body. */
export interface IndexRow {
  articleId: string;
  docKey: number;
  siteId: string;
  columnId: string;
  columnName: string;
  type: string;
  title: string;
  body: string;
  url: string;
  publishedAt: string;
  /** Space-joined index terms (segmenter output). */
  titleTerms: string;
  bodyTerms: string;
}

export interface MatchQuery {
  /** Every one required; letters and digits only (rules/terms.ts). */
  terms: string[];
  siteId?: string | undefined;
  columnId?: string | undefined;
  type?: string | undefined;
  minKey?: number | undefined;
  maxKey?: number | undefined;
  /** Compute a relevance score (title hits weigh 10× body hits); 0 otherwise. */
  ranked: boolean;
  limit: number;
}

/** A matching document; higher scores are more relevant. */
export interface Match {
  docKey: number;
  score: number;
}

export interface SearchStore {
  /** Stores the rows, replacing any earlier row of the same articles (keys are free: see indexing.ts). */
  replace(db: Q, rows: readonly IndexRow[]): Promise<void>;
  remove(db: Q, articleIds: readonly string[]): Promise<void>;
  /** Removes a site's documents; returns how many. */
  removeSite(db: Q, siteId: string): Promise<number>;
  /** The newest `limit` matches (key order, descending), with scores when ranked. */
  matches(db: Q, query: MatchQuery): Promise<Match[]>;
}

const STORES: Record<DialectName, SearchStore> = { sqlite: sqliteSearch, postgres: postgresSearch };

export const searchStore = (dialect: DialectName): SearchStore => STORES[dialect];
