/**
 * The circular (通报) of a finished spot check as a DOCX draft in 公文 layout (GB/T 9704-2012):
 * red issuing-organ mark and 发文字号 with 〔〕, title, 主送, the body with the results table and
 * the problems found, signature and date. The office edits it before it is issued; drafting it
 * is audited.
 */
import { AlignmentType, Paragraph, TextRun } from 'docx';
import { NoticeRequestSchema } from '../../../common/schemas/evaluation.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DOC_FONT, docHeading, docMasthead, docTable, docText, officialDocx } from '../../platform/docx.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { noticeModel, type NoticeModel } from '../rules/notice.ts';
import { frozenSystem, getBatch } from './batches.ts';
import { batches } from '../evaluation.repository.ts';

/** Two characters of 三号 text (twips). */
const INDENT = 640;

function noticeDocx(m: NoticeModel): Promise<Buffer> {
  return officialDocx([
    ...docMasthead(m.issuer, m.docNumber),
    docHeading(m.title),
    new Paragraph({ spacing: { after: 120 }, children: [docText(`${m.recipients}：`)] }),
    ...m.paragraphs.map(
      (p) =>
        new Paragraph({
          indent: { firstLine: INDENT },
          spacing: { line: 560 },
          children: [p.heading ? new TextRun({ text: p.text, font: { eastAsia: '黑体', ascii: 'SimHei' }, size: 32 }) : docText(p.text)],
        }),
    ),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300, after: 120 }, children: [docText(m.tableTitle)] }),
    docTable(m.tableHeader, m.table, 24),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [docText(m.signature)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: m.date, font: DOC_FONT, size: 32 })] }),
  ]);
}

/** The draft circular of a finished spot check, with the lists of sites praised and criticised. */
export async function spotCheckNotice(
  deps: Deps,
  actor: Actor,
  batchId: string,
  input: unknown,
): Promise<{ docx: Buffer; model: NoticeModel }> {
  const data = parseInput(NoticeRequestSchema, input);
  const detail = await getBatch(deps, actor, batchId);
  if (detail.batch.state !== 'done') throw Errors.conflict('抽查尚未评分完成，不能起草通报');
  const row = (await batches.get(deps.db.kysely, batchId))!;
  const model = noticeModel({
    issuer: data.issuer,
    docNumber: data.docNumber,
    recipients: data.recipients,
    date: data.date ?? beijingToday(deps.clock),
    period: detail.batch.period,
    asOf: detail.batch.asOf,
    system: frozenSystem(row),
    sampled: detail.batch.scope === 'sample',
    sites: detail.results.map((r) => ({
      name: r.siteName,
      repeatFailure: r.repeatFailure,
      rank: r.rank,
      verdict: r.verdict,
      score: r.score,
      vetoes: r.vetoes,
      deductions: r.deductions,
    })),
    praiseFrom: data.praiseFrom,
    rectifyDays: data.rectifyDays,
  });
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.notice.draft',
      targetType: 'evaluation_batch',
      targetId: batchId,
      siteId: null,
      details: {
        docNumber: data.docNumber,
        praised: model.praised.length,
        criticised: model.criticised.length,
        repeatOffenders: model.repeatOffenders,
      },
    }),
  );
  return { docx: await noticeDocx(model), model };
}
