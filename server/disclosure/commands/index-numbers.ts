/**
 * 索引号 allocation. A published article gets its number in the transaction of its first
 * publication, from the template of its site's sponsor org (or the platform's), counted within
 * the template's scope (e.g. the org's year). The number is kept when the article is corrected,
 * retracted or published again, and never given to another article.
 */
import { categoryIndexSegment } from '../../../common/catalogue.ts';
import { beijingDate } from '../../../common/dates.ts';
import { formatIndexNumber, sequenceScope, type IndexValues } from '../../../common/index-number.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { indexNumbers, numberingOrgs } from '../disclosure.repository.ts';

export interface NumberedArticle {
  articleId: string;
  siteId: string;
  columnId: string;
  /** The instant of first publication: its Beijing date is the number's date. */
  publishedAt: string;
}

/** How many taken numbers in a row (an imported or hand-made number in the way) are skipped before giving up. */
const MAX_SKIPS = 100;

/** The article's 索引号: the one it has, or a new one allocated in `tx`. Refuses (409) when the template cannot be filled. */
export async function allocateIndexNumber(deps: Deps, tx: Tx, article: NumberedArticle): Promise<string> {
  const held = await indexNumbers.byArticle(tx.trx, article.articleId);
  if (held) return held.index_no;
  const org = await numberingOrgs.ofSite(tx.trx, article.siteId);
  if (!org) throw Errors.notFound('网站不存在');
  const template = org.index_template ?? deps.config.indexTemplate;
  const values: Omit<IndexValues, 'sequence'> = {
    creditCode: org.credit_code ?? undefined,
    // The 9-character 组织机构代码 is part of the 统一社会信用代码 (GB 32100: characters 9–17).
    orgCode: org.credit_code ? org.credit_code.slice(8, 17) : undefined,
    category: categoryOf(await numberingOrgs.column(tx.trx, article.columnId)),
    date: beijingDate(article.publishedAt),
  };
  const scope = sequenceScope(template, values);
  if (!scope.ok) throw cannotNumber(org.name, scope.problems);
  for (let skips = 0; skips <= MAX_SKIPS; skips++) {
    const sequence = await indexNumbers.nextSequence(tx.trx, scope.key);
    const made = formatIndexNumber(template, { ...values, sequence });
    if (!made.ok) throw cannotNumber(org.name, made.problems);
    if (await indexNumbers.taken(tx.trx, made.indexNo)) continue;
    await indexNumbers.insert(tx.trx, {
      article_id: article.articleId,
      index_no: made.indexNo,
      org_id: org.id,
      template,
      scope: scope.key,
      sequence,
      allocated_at: deps.clock.now().toISOString(),
    });
    return made.indexNo;
  }
  throw Errors.indexNumber(`无法生成索引号：连续 ${MAX_SKIPS} 个序号已被占用，请检查“${org.name}”的索引号格式`);
}

/**
 * Keeps an article's 索引号 from a legacy site (the legacy import): given to the article when it
 * has none and nobody else holds it. True when kept; false when the number is taken or the
 * article already has one (the caller then allocates as usual and says so).
 */
export async function keepIndexNumber(
  deps: Deps,
  tx: Tx,
  article: { articleId: string; siteId: string; indexNo: string },
): Promise<boolean> {
  if (await indexNumbers.byArticle(tx.trx, article.articleId)) return false;
  if (await indexNumbers.taken(tx.trx, article.indexNo)) return false;
  const org = await numberingOrgs.ofSite(tx.trx, article.siteId);
  if (!org) throw Errors.notFound('网站不存在');
  await indexNumbers.insert(tx.trx, {
    article_id: article.articleId,
    index_no: article.indexNo,
    org_id: org.id,
    template: 'legacy',
    scope: 'legacy',
    sequence: 0,
    allocated_at: deps.clock.now().toISOString(),
  });
  return true;
}

/**
 * The {category} value: the art. 20 item number (two digits) or short code of the catalogue
 * category the column feeds; a column outside the catalogue uses its folder name.
 */
function categoryOf(column: { slug: string; catalogue_category: string | null } | undefined): string | undefined {
  if (!column) return undefined;
  return categoryIndexSegment(column.catalogue_category) ?? (column.slug.replace(/[^0-9A-Za-z]/g, '') || undefined);
}

function cannotNumber(orgName: string, problems: readonly { message: string; field?: string | undefined }[]) {
  const missingCredit = problems.some((p) => p.field === 'creditCode' || p.field === 'orgCode');
  const hint = missingCredit ? `请先为主办单位“${orgName}”填写统一社会信用代码` : `请检查“${orgName}”或平台的索引号格式`;
  return Errors.indexNumber(
    `无法生成索引号：${problems.map((p) => p.message).join('；')}。${hint}`,
    problems.map((p) => ({ field: p.field ?? 'indexTemplate', message: p.message })),
  );
}

/** The 索引号 of these articles (those that have one). */
export async function indexNumbersOf(deps: Pick<Deps, 'db'>, articleIds: readonly string[]): Promise<Map<string, string>> {
  return new Map((await indexNumbers.byArticles(deps.db.kysely, articleIds)).map((r) => [r.article_id, r.index_no]));
}
