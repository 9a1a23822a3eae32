/** Pre-publication checks against the site's dictionaries, stored with the revision they ran on. */
import { randomUUID } from 'node:crypto';
import { ARTICLE_TYPE_CONFIG, FIELD_LABELS, type ArticleType } from '../../../common/content.ts';
import { CheckDraftSchema, type CheckOutcome } from '../../../common/schemas/content.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { sanitizeRichText } from '../../platform/html/sanitize.ts';
import { parseInput } from '../../platform/validation.ts';
import { parseDocNumber } from '../../documents/index.ts';
import type { ArticleRevisionRow, ArticleRow } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import {
  buildCommonErrorMatcher,
  buildLeaderIndex,
  buildSensitiveMatcher,
  findWordingProblems,
  runChecks,
  type CheckContext,
  type WordingProblem,
} from '../checks/index.ts';
import { articles, checks, dictionaries } from '../content.repository.ts';

// A run's counts and findings; the shape is shared with the admin (common/).
export type StoredChecks = CheckOutcome;

const INTERNAL_ARTICLE = /^gk:article:([\w-]{1,40})$/;

type DictionaryMatchers = Pick<CheckContext, 'sensitive' | 'commonErrors' | 'leaders'>;

/** The site's dictionaries (its own and the platform's) as matchers. */
async function dictionaryMatchers(db: Kysely<Database>, siteId: string): Promise<DictionaryMatchers> {
  const entries = await dictionaries.forSite(db, siteId);
  const extra = (e: { extra: string }) => JSON.parse(e.extra) as Record<string, string>;
  return {
    sensitive: buildSensitiveMatcher(
      entries
        .filter((e) => e.kind === 'sensitive')
        .map((e) => ({ word: e.word, level: extra(e).level === 'warning' ? 'warning' : 'error', note: extra(e).note })),
    ),
    commonErrors: buildCommonErrorMatcher(
      entries.filter((e) => e.kind === 'commonError').map((e) => ({ wrong: e.word, correct: extra(e).correct ?? '' })),
    ),
    leaders: buildLeaderIndex(
      entries.filter((e) => e.kind === 'leader').map((e) => ({ name: e.word, title: extra(e).title ?? '', org: extra(e).org })),
    ),
  };
}

/**
 * The wording check of published pages (monitoring): the same dictionaries as the
 * pre-publication checks — the site's and the platform's, or the platform's alone for a site
 * not on the platform (`siteId` null).
 */
export async function wordingCheckerFor(deps: Deps, siteId: string | null): Promise<(text: string) => WordingProblem[]> {
  const matchers = await dictionaryMatchers(deps.db.kysely, siteId ?? '*');
  return (text) => findWordingProblems(text, matchers);
}

/** Builds the dictionaries and link resolver for one site, then runs the checks on a revision. */
export async function checkRevision(
  db: Kysely<Database>,
  siteId: string,
  type: ArticleType,
  rev: Pick<ArticleRevisionRow, 'title' | 'summary' | 'source' | 'body_html' | 'metadata'>,
): Promise<StoredChecks> {
  const metadata = JSON.parse(rev.metadata) as Record<string, unknown>;

  const linked = [...rev.body_html.matchAll(/href="gk:article:([\w-]{1,40})"/g)].map((m) => m[1] as string);
  const targets = new Map((await articles.byIds(db, linked)).map((a) => [a.id, a]));
  const ctx: CheckContext = {
    ...(await dictionaryMatchers(db, siteId)),
    linkStatus: (href) => {
      const m = INTERNAL_ARTICLE.exec(href);
      if (!m) return 'external';
      const a = targets.get(m[1] as string);
      if (!a) return 'missing';
      if (a.retracted_at) return 'retracted';
      return a.live_revision_id ? 'published' : 'unpublished';
    },
    docNumberProblems: (text) => {
      const r = parseDocNumber(text);
      return r.ok ? [] : r.problems;
    },
  };
  const config = ARTICLE_TYPE_CONFIG[type];
  const fields: Record<string, unknown> = { ...metadata, summary: rev.summary, source: rev.source };
  const results = runChecks(
    {
      title: rev.title,
      summary: rev.summary,
      bodyHtml: rev.body_html,
      fields,
      requiredFields: config.required.map((f) => ({ field: f, label: FIELD_LABELS[f] })),
      docNumber: typeof metadata.docNumber === 'string' && metadata.docNumber ? metadata.docNumber : null,
    },
    ctx,
  );
  return {
    errors: results.filter((r) => r.severity === 'error').length,
    warnings: results.filter((r) => r.severity === 'warning').length,
    results,
  };
}

/** Checks unsaved content for the editor (nothing is stored). */
export async function checkDraft(deps: Deps, actor: Actor, input: unknown): Promise<StoredChecks> {
  const d = parseInput(CheckDraftSchema, input);
  requirePermission(actor, 'content.author', d.siteId);
  return checkRevision(deps.db.kysely, d.siteId, d.type, {
    title: d.title,
    summary: d.summary ?? null,
    source: d.source ?? null,
    body_html: sanitizeRichText(d.bodyHtml),
    metadata: JSON.stringify(d.metadata ?? {}),
  });
}

/** Runs the checks on the article's current revision and stores the result with it. */
export async function runAndStoreChecks(
  deps: Deps,
  tx: Tx,
  article: ArticleRow,
  rev: ArticleRevisionRow,
  context: string,
): Promise<StoredChecks> {
  const r = await checkRevision(tx.trx, article.site_id, article.type as ArticleType, rev);
  await checks.insert(tx.trx, {
    id: randomUUID(),
    article_id: article.id,
    revision_id: rev.id,
    context,
    errors: r.errors,
    warnings: r.warnings,
    results: JSON.stringify(r.results),
    created_at: deps.clock.now().toISOString(),
  });
  return r;
}
