/** The review sheet of an article as DOCX (公文 layout: A4, 仿宋 三号) and print-ready HTML. */
import { AlignmentType, Paragraph, Table, TableRow, WidthType } from 'docx';
import { docCell, docHeading, docTable, docText, officialDocx } from '../../platform/docx.ts';
import { ARTICLE_STATUS_LABELS, ARTICLE_TYPE_CONFIG, type ArticleStatus, type ArticleType } from '../../../common/content.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { findColumn, getSite } from '../../sites/index.ts';
import { reviewSheetModel, type SheetModel } from '../rules/review-sheet.ts';
import { getArticle } from './queries.ts';

const DECISION_LABELS: Record<string, string> = { approve: '通过', reject: '退回', emergency: '紧急发布' };

/** Builds the sheet's model from the article's record (the reader must be allowed to see the article). */
export async function reviewSheet(deps: Deps, actor: Actor, articleId: string): Promise<SheetModel> {
  const a = await getArticle(deps, actor, articleId);
  const site = await getSite(deps, actor, a.siteId);
  const column = await findColumn(deps, a.columnId);
  const meta = a.current?.metadata ?? {};
  const stageLabel = (key: string | null) => a.stages.find((s) => s.key === key)?.label ?? (key === 'emergency' ? '紧急发布' : (key ?? ''));
  const creator = a.events.find((e) => e.kind === 'create');
  return reviewSheetModel({
    siteName: site.name,
    columnName: column?.name ?? '',
    typeLabel: ARTICLE_TYPE_CONFIG[a.type as ArticleType]?.label ?? a.type,
    title: a.current?.title ?? a.title,
    source: a.current?.source ?? null,
    issuingOrg: typeof meta.issuingOrg === 'string' ? meta.issuingOrg : null,
    docNumber: typeof meta.docNumber === 'string' ? meta.docNumber : null,
    writtenOn: typeof meta.writtenOn === 'string' ? meta.writtenOn : null,
    authorName: creator?.actorName ?? '',
    revisionNumber: a.current?.number ?? 0,
    status: ARTICLE_STATUS_LABELS[a.status as ArticleStatus] ?? a.status,
    publishedAt: a.publishedAt,
    emergencyReason: a.emergencyReason,
    checks: a.checks ? { errors: a.checks.errors, warnings: a.checks.warnings } : null,
    decisions: a.events
      .filter((e) => e.kind in DECISION_LABELS)
      .map((e) => ({
        stageLabel: stageLabel(e.stage),
        decision: DECISION_LABELS[e.kind] ?? e.kind,
        actorName: e.actorName,
        at: e.at,
        opinion: e.opinion,
      })),
    printedAt: deps.clock.now().toISOString(),
  });
}

const text = docText;

/** The sheet as a DOCX document (A4 with 公文 margins). */
export async function reviewSheetDocx(m: SheetModel): Promise<Buffer> {
  return officialDocx([
    docHeading(m.heading),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: m.fields.map(([k, v]) => new TableRow({ children: [docCell(k), docCell(v, { span: 4 })] })),
    }),
    new Paragraph({ spacing: { before: 300, after: 120 }, children: [text('审核记录')] }),
    docTable(m.decisionHeader, m.decisions),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 300 }, children: [text(m.footer, 24)] }),
  ]);
}
