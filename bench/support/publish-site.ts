/**
 * A synthetic public site for the publishing benchmark: one org, one hosted active site with a
 * 网站标识码 and a domain, its 20 columns (made through the sites room's commands, as a
 * system actor), then N articles from `syntheticArticles` inserted in bulk as already published
 * (status 'published', one revision that is the live one), as the review path would leave them.
 *
 * Articles are ~1,500 characters of sanitiser-clean HTML (plain <p> paragraphs) plus 3–10
 * `<a href="gk:article:<id>">` links to earlier articles. 通知公告 holds notices, 政策文件
 * policies with catalogue metadata, 政策解读 interpretations, each linked to the policy
 * published just before it (article_links); the other 17 columns hold news.
 *
 * `corpusArticles(n, seed)` is the one description of the corpus: the Hugo export reads the
 * same stream, so both tools build the same site.
 */
import type { Kysely } from 'kysely';
import { createOrg } from '../../server/accounts/index.ts';
import { systemActor } from '../../server/platform/actor.ts';
import type { ArticleRevisionRow, ArticleRow, Database } from '../../server/platform/db/schema.ts';
import type { Deps } from '../../server/platform/deps.ts';
import { createColumn, createSite } from '../../server/sites/index.ts';
import { COLUMN_NAMES, ISSUERS, mulberry32, syntheticArticles, type SyntheticArticle } from './corpus.ts';

export const BENCH_ACTOR = systemActor('publish-bench');
export const SITE_CODE = '9901000099';
export const SITE_DOMAIN = 'www.bench-city.gov.cn';

/** Column index → what it holds. */
export const NOTICE_COLUMN = 1;
export const POLICY_COLUMN = 2;
export const INTERPRETATION_COLUMN = 3;

export type BenchArticleType = 'news' | 'notice' | 'policy' | 'interpretation';

export function typeOfColumn(column: number): BenchArticleType {
  return column === NOTICE_COLUMN
    ? 'notice'
    : column === POLICY_COLUMN
      ? 'policy'
      : column === INTERPRETATION_COLUMN
        ? 'interpretation'
        : 'news';
}

/** A deterministic UUID for the article of corpus index `i` (sorts by index). */
export function articleIdOf(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}
export function revisionIdOf(i: number): string {
  return `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
}
export const columnSlug = (c: number) => `col${String(c + 1).padStart(2, '0')}`;

export interface CorpusLink {
  /** Corpus index of the target (always an earlier article). */
  target: number;
  title: string;
  /** Paragraph the link is appended to. */
  paragraph: number;
}

export interface CorpusArticle extends SyntheticArticle {
  type: BenchArticleType;
  /** Body paragraphs as plain text (no links). */
  paragraphs: string[];
  links: CorpusLink[];
  /** Policy metadata (policies only). */
  metadata: Record<string, unknown>;
  /** For an interpretation: the corpus index of the policy it interprets. */
  interprets: number | null;
}

/**
 * The synthetic articles with their links and types. Keeps every title (the links' texts) in
 * memory: ~100 bytes per article.
 */
export function* corpusArticles(n: number, seed = 42): Generator<CorpusArticle> {
  const rnd = mulberry32(seed ^ 0x5eed);
  const titles: string[] = [];
  let lastPolicy: number | null = null;
  for (const a of syntheticArticles(n, seed)) {
    const paragraphs = a.bodyText.split('\n');
    const links: CorpusLink[] = [];
    if (a.index > 0)
      for (let k = 3 + Math.floor(rnd() * 8); k > 0; k--) {
        const target = Math.floor(rnd() * a.index);
        links.push({ target, title: titles[target]!, paragraph: Math.floor(rnd() * paragraphs.length) });
      }
    const type = typeOfColumn(a.column);
    const year = a.publishedAt.slice(0, 4);
    const issuingOrg = ISSUERS[a.index % ISSUERS.length];
    const writtenOn = a.publishedAt.slice(0, 10);
    // What the review path requires of each type (common/content.ts).
    const metadata: Record<string, unknown> =
      type === 'policy'
        ? { issuingOrg, docNumber: `市政办发〔${year}〕${(a.index % 97) + 1}号`, writtenOn, validity: 'valid' }
        : type === 'interpretation'
          ? { issuingOrg, writtenOn, ...(lastPolicy !== null ? { relatedPolicies: [articleIdOf(lastPolicy)] } : {}) }
          : type === 'notice'
            ? { issuingOrg, writtenOn }
            : {};
    const interprets = type === 'interpretation' ? lastPolicy : null;
    if (type === 'policy') lastPolicy = a.index;
    titles.push(a.title);
    yield { ...a, type, paragraphs, links, metadata, interprets };
  }
}

/** The article's body as stored (sanitiser-clean: <p> paragraphs with gk: links). */
export function bodyHtmlOf(a: CorpusArticle): string {
  const extra = new Map<number, string>();
  for (const l of a.links)
    extra.set(l.paragraph, `${extra.get(l.paragraph) ?? ''}详见<a href="gk:article:${articleIdOf(l.target)}">${escapeText(l.title)}</a>。`);
  return a.paragraphs.map((p, i) => `<p>${escapeText(p)}${extra.get(i) ?? ''}</p>`).join('\n');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface BenchSite {
  siteId: string;
  code: string;
  /** Column ids by corpus column index. */
  columnIds: string[];
}

/** The org, site and columns, through the real commands. */
export async function createBenchSite(deps: Deps): Promise<BenchSite> {
  const org = await createOrg(deps, BENCH_ACTOR, { name: '基准测试市人民政府办公室', level: 'city' });
  const site = await createSite(deps, BENCH_ACTOR, {
    name: '基准测试市人民政府',
    kind: 'portal',
    hosting: 'hosted',
    sponsorOrgId: org.id,
    code: SITE_CODE,
    domains: [SITE_DOMAIN],
    // Registered running: the bench measures publishing, not the opening steps (sites/rules/lifecycle.ts).
    status: 'active',
    contact: { phone: '0812-1234567', address: '基准测试市人民路 1 号' },
  });
  const columnIds: string[] = [];
  for (let c = 0; c < COLUMN_NAMES.length; c++) {
    const type = typeOfColumn(c);
    const col = await createColumn(deps, BENCH_ACTOR, site.id, {
      name: COLUMN_NAMES[c]!,
      slug: columnSlug(c),
      sortOrder: c,
      freshnessClass: type === 'interpretation' ? 'policy' : type,
      ...(type === 'policy' || type === 'interpretation' ? { accepts: [type] } : {}),
    });
    columnIds.push(col.id);
  }
  return { siteId: site.id, code: SITE_CODE, columnIds };
}

const BATCH = { articles: Math.floor(32_766 / 25), article_revisions: Math.floor(32_766 / 11) };
const CHUNK = 5_000;

async function insertBulk(trx: Kysely<Database>, table: 'articles' | 'article_revisions', rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH[table])
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH[table]) as never)
      .execute();
}

/** Inserts the first `n` corpus articles into the site as published; returns the count. */
export async function insertPublishedArticles(
  deps: Deps,
  site: BenchSite,
  n: number,
  opts: { seed?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  const db = deps.db.kysely;
  let arts: ArticleRow[] = [];
  let revs: ArticleRevisionRow[] = [];
  let links: { policy_id: string; interpretation_id: string }[] = [];
  let done = 0;
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await insertBulk(trx, 'articles', arts);
      await insertBulk(trx, 'article_revisions', revs);
      if (links.length) await trx.insertInto('article_links').values(links).execute();
    });
    done += arts.length;
    arts = [];
    revs = [];
    links = [];
    opts.onProgress?.(done);
  };
  for (const a of corpusArticles(n, opts.seed ?? 42)) {
    const id = articleIdOf(a.index);
    const revId = revisionIdOf(a.index);
    const created = new Date(Date.parse(a.publishedAt) - 3 * 86_400_000).toISOString();
    arts.push({
      id,
      site_id: site.siteId,
      column_id: site.columnIds[a.column]!,
      type: a.type,
      title: a.title,
      status: 'published',
      stage_index: null,
      current_revision_id: revId,
      live_revision_id: revId,
      version: 5,
      created_by: 'bench-editor',
      created_at: created,
      updated_at: a.publishedAt,
      submitted_at: created,
      first_published_at: a.publishedAt,
      published_at: a.publishedAt,
      scheduled_at: null,
      due_at: null,
      due_rule: null,
      late_minutes: 0,
      emergency: 0,
      emergency_reason: null,
      emergency_due_at: null,
      retracted_at: null,
      retract_reason: null,
    });
    revs.push({
      id: revId,
      article_id: id,
      number: 1,
      title: a.title,
      summary: null,
      source: ISSUERS[a.index % ISSUERS.length]!,
      body_html: bodyHtmlOf(a),
      metadata: JSON.stringify(a.metadata),
      created_by: 'bench-editor',
      created_by_name: '信息员',
      created_at: created,
    });
    if (a.interprets !== null) links.push({ policy_id: articleIdOf(a.interprets), interpretation_id: id });
    if (arts.length === CHUNK) await flush();
  }
  if (arts.length) await flush();
  return done;
}
