/**
 * The letters a request sends out before its reply, as DOCX on the 公文 page: the 征求意见函 and
 * the 收费通知书. Both are audited (the fee notice names the applicant); neither is produced for a
 * closed or archived request.
 */
import { AlignmentType, Paragraph } from 'docx';
import { ConsultationLetterQuerySchema, FeeNoticeQuerySchema } from '../../../common/schemas/disclosure-handling.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadCalendar } from '../../calendar/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import type { DisclosureRequestRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { docHeading, docText, officialDocx } from '../../platform/docx.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { decryptPersonal } from '../../platform/personal-data.ts';
import { parseInput } from '../../platform/validation.ts';
import { handlingOrgs, requestEvents, requests } from '../disclosure.repository.ts';
import { calculateFee } from '../rules/fees.ts';
import { requestClock, type ClockEvent, type RequestClock } from '../rules/request-clock.ts';
import { consultationLetter, feeNotice, type Letter } from '../rules/request-letters.ts';
import { archivedError, requireHandler } from './request-access.ts';
import { isClosedState, today } from './requests.ts';

/** A letter on the 公文 page: heading, reference right-aligned, indented paragraphs, signature right-aligned. */
export function letterDocx(letter: Letter): Promise<Buffer> {
  return officialDocx([
    docHeading(letter.title),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [docText(letter.reference, 28)] }),
    ...letter.paragraphs.map((p, i) => new Paragraph({ indent: i === 0 ? {} : { firstLine: 640 }, children: [docText(p)] })),
    ...letter.signature.map((s) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [docText(s)] })),
  ]);
}

/** The request for a letter sent while it is open: handler check, refused once closed or archived. */
async function openRequest(
  deps: Deps,
  actor: Actor,
  requestId: string,
): Promise<{ row: DisclosureRequestRow; clock: RequestClock; orgName: string }> {
  const db = deps.db.kysely;
  const row = await requests.byId(db, requestId);
  if (!row) throw Errors.notFound('申请不存在');
  await requireHandler(db, actor, row);
  if (row.archived_at) throw archivedError();
  const events = (await requestEvents.of(db, requestId)).map((e) => JSON.parse(e.data) as ClockEvent);
  const clock = requestClock(await loadCalendar(deps), events, today(deps));
  if (isClosedState(clock.state)) throw Errors.conflict(`申请${clock.stateLabel}，不能再制作该文书`);
  return { row, clock, orgName: (await handlingOrgs.byId(db, row.org_id))?.name ?? '' };
}

async function audit(deps: Deps, actor: Actor, row: DisclosureRequestRow, action: string, details: Record<string, unknown>): Promise<void> {
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action,
      targetType: 'disclosureRequest',
      targetId: row.id,
      siteId: row.site_id,
      details: { trackingNo: row.tracking_no, ...details },
    }),
  );
}

/** The 征求意见函 to a third party or to other agencies (条例 32–34), as DOCX. */
export async function consultationLetterDocx(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<Buffer> {
  const q = parseInput(ConsultationLetterQuerySchema, input);
  const { row, orgName } = await openRequest(deps, actor, requestId);
  const letter = consultationLetter({
    orgName,
    trackingNo: row.tracking_no,
    receivedOn: row.received_on,
    description: row.description,
    party: q.party,
    addressee: q.addressee,
    on: today(deps),
  });
  await audit(deps, actor, row, 'disclosure.request.consultationLetter', { party: q.party, addressee: q.addressee });
  return letterDocx(letter);
}

/**
 * The 收费通知书 with the amount from the fee rule (109号): by count, the applicant's earlier
 * requests received in the same calendar month come first; by volume, the pages. A charge of
 * nothing needs no notice and is refused.
 */
export async function feeNoticeDocx(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<Buffer> {
  const q = parseInput(FeeNoticeQuerySchema, input);
  const { row, clock, orgName } = await openRequest(deps, actor, requestId);
  const fee =
    q.mode === 'byCount'
      ? calculateFee({
          mode: 'byCount',
          items: q.items,
          priorItemsThisMonth: await requests.earlierInMonth(deps.db.kysely, {
            id: row.id,
            idBlind: row.id_blind,
            receivedOn: row.received_on,
            createdAt: row.created_at,
          }),
        })
      : calculateFee({ mode: 'byVolume', pages: q.pages });
  if (fee.amountFen === 0) throw Errors.conflict(`${fee.text}按该计收方式不收取信息处理费，不需要发出收费通知书`);
  const letter = feeNotice({
    orgName,
    trackingNo: row.tracking_no,
    applicantName: decryptPersonal(dataKeyring(deps.config), row.applicant_name),
    receivedOn: row.received_on,
    description: row.description,
    fee,
    paymentDeadline: clock.state === 'awaitingFee' ? clock.feePaymentDeadline : null,
    on: today(deps),
  });
  await audit(deps, actor, row, 'disclosure.request.feeNotice', { mode: fee.mode, quantity: fee.quantity, amountFen: fee.amountFen });
  return letterDocx(letter);
}
