/** The reply letter of an answered request as DOCX (A4, 公文 margins, 仿宋 三号); audited, since it names the applicant. */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { decryptPersonal } from '../../platform/personal-data.ts';
import { numberingOrgs, requestEvents, requests } from '../disclosure.repository.ts';
import { replyLetter } from '../rules/reply-letter.ts';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const run = (t: string, size = 32) => new TextRun({ text: t, font: FONT, size });

export async function replyLetterDocx(deps: Deps, actor: Actor, requestId: string): Promise<Buffer> {
  const db = deps.db.kysely;
  const row = await requests.byId(db, requestId);
  if (!row) throw Errors.notFound('申请不存在');
  requirePermission(actor, 'disclosure.handle', row.site_id);
  const answer = (await requestEvents.of(db, requestId)).find((e) => e.type === 'answered');
  if (!answer) throw Errors.conflict('申请尚未答复，不能生成答复书');
  const data = JSON.parse(answer.data) as { on: string; outcome?: string };
  const org = await numberingOrgs.ofSite(db, row.site_id);
  const letter = replyLetter({
    orgName: org?.name ?? '',
    trackingNo: row.tracking_no,
    applicantName: decryptPersonal(dataKeyring(deps.config), row.applicant_name),
    receivedOn: row.received_on,
    description: row.description,
    outcome: data.outcome ?? 'other.other',
    replyText: answer.note,
    answeredOn: data.on,
  });
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.request.replyLetter',
      targetType: 'disclosureRequest',
      targetId: requestId,
      siteId: row.site_id,
      details: { trackingNo: row.tracking_no },
    }),
  );
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: letter.title, font: { eastAsia: '方正小标宋简体', ascii: 'SimSun' }, size: 44 })],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(letter.reference, 28)] }),
          ...letter.paragraphs.map((p, i) => new Paragraph({ indent: i === 0 ? {} : { firstLine: 640 }, children: [run(p)] })),
          ...letter.signature.map((s) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(s)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
