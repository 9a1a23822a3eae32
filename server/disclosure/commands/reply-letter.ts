/** The reply letter of an answered request as DOCX (A4, 公文 margins, 仿宋 三号); audited, since it names the applicant. */
import { AlignmentType, Paragraph } from 'docx';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { docHeading, docText, officialDocx } from '../../platform/docx.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { decryptPersonal } from '../../platform/personal-data.ts';
import { handlingOrgs, requestEvents, requests } from '../disclosure.repository.ts';
import { replyLetter } from '../rules/reply-letter.ts';
import { requireHandler } from './request-access.ts';

/** The reply letter (答复书) of an answered request, signed by the org now responsible for it, with the grounds of what was withheld. */
export async function replyLetterDocx(deps: Deps, actor: Actor, requestId: string): Promise<Buffer> {
  const db = deps.db.kysely;
  const row = await requests.byId(db, requestId);
  if (!row) throw Errors.notFound('申请不存在');
  await requireHandler(db, actor, row);
  const answer = (await requestEvents.of(db, requestId)).find((e) => e.type === 'answered');
  if (!answer) throw Errors.conflict('申请尚未答复，不能生成答复书');
  const data = JSON.parse(answer.data) as { on: string; outcome?: string; grounds?: string[] };
  const org = await handlingOrgs.byId(db, row.org_id);
  const letter = replyLetter({
    orgName: org?.name ?? '',
    trackingNo: row.tracking_no,
    applicantName: decryptPersonal(dataKeyring(deps.config), row.applicant_name),
    receivedOn: row.received_on,
    description: row.description,
    outcome: data.outcome ?? 'other.other',
    replyText: answer.note,
    answeredOn: data.on,
    grounds: data.grounds ?? [],
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
  return officialDocx([
    docHeading(letter.title),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [docText(letter.reference, 28)] }),
    ...letter.paragraphs.map((p, i) => new Paragraph({ indent: i === 0 ? {} : { firstLine: 640 }, children: [docText(p)] })),
    ...letter.signature.map((s) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [docText(s)] })),
  ]);
}
