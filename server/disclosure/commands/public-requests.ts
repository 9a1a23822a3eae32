/**
 * The public side of 依申请公开 on every hosted site: the request form with a text challenge
 * against bots, the confirmation step whose moment is the receipt (条例 第三十一条: online, the
 * date both sides confirm), the receipt with tracking number and query code, and the tracking
 * page where the applicant sees the due date, the office's notices and reply, and amends the
 * request when asked to. Each function answers with a status and a whole page (null: no site).
 */
import { timingSafeEqual } from 'node:crypto';
import { checkIdDocument, ID_TYPES, type IdDocument } from '../../../common/identity.ts';
import { DELIVERY_CHANNEL_LABELS, DELIVERY_FORM_LABELS, RequestFormSchema, type RequestForm } from '../../../common/schemas/disclosure.ts';
import { DELIVERY_METHOD_LABELS, type DeliveryMethod } from '../../../common/schemas/disclosure-handling.ts';
import { loadCalendar } from '../../calendar/index.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { isAppError } from '../../platform/errors.ts';
import {
  challengeProblem,
  framedPages,
  listField,
  MAX_FORM_AGE_MS,
  newChallenge as newFormChallenge,
  seal,
  sm3,
  textField,
  unseal,
  type PublicPage,
} from '../../platform/public-forms.ts';
import { publicSiteId, sitePage, type SafeHtml } from '../../publishing/index.ts';
import { requestEvents, requestLookup } from '../disclosure.repository.ts';
import {
  confirmBody,
  EMPTY_FORM,
  lookupBody,
  receiptBody,
  REQUEST_PATH,
  requestFormBody,
  statusBody,
  TRACKING_PATH,
  type FormValues,
  type PublicEvent,
} from '../render/request-pages.ts';
import { EVENT_LABELS, requestClock, type ClockEvent } from '../rules/request-clock.ts';
import { isRecordEventType } from '../rules/request-record.ts';
import { queryCodeHash, recordEventAs, registerChecked, today } from './requests.ts';

export type { PublicPage };

const PUBLIC_ACTOR = systemActor('public-request-form');
/** Purposes of the sealed tokens of this form. */
const CHALLENGE = 'ysqgk-challenge';
const CONFIRM = 'ysqgk-confirm';
/** Notes the applicant may read: the amendment notice, their own amendment, the reply. */
const PUBLIC_NOTES = new Set(['amendmentRequested', 'amendmentReceived', 'answered']);

const page = framedPages<SafeHtml>(() => sitePage);
const newChallenge = (deps: Deps) => newFormChallenge(deps, CHALLENGE);

function formValues(body: Record<string, unknown>): FormValues {
  return {
    // Cut well beyond each field's limit: too long is refused with a message, not silently shortened.
    kind: textField(body.kind, 40),
    orgCategory: textField(body.orgCategory, 40),
    name: textField(body.name, 400),
    idType: textField(body.idType, 40),
    idNumber: textField(body.idNumber, 160),
    phone: textField(body.phone, 120),
    address: textField(body.address, 800),
    email: textField(body.email, 400),
    description: textField(body.description, 20_000),
    purpose: textField(body.purpose, 2000),
    forms: listField(body.forms),
    channels: listField(body.channels),
    answer: textField(body.answer, 3),
  };
}

/** The form as the schema reads it: blanks of optional fields left out. */
function formInput(v: FormValues): Record<string, unknown> {
  return {
    applicant: {
      kind: v.kind,
      ...(v.kind === 'organisation' && v.orgCategory ? { orgCategory: v.orgCategory } : {}),
      name: v.name,
      idType: v.idType,
      idNumber: v.idNumber,
      phone: v.phone,
      ...(v.address.trim() ? { address: v.address } : {}),
      ...(v.email.trim() ? { email: v.email } : {}),
    },
    description: v.description,
    ...(v.purpose.trim() ? { purpose: v.purpose } : {}),
    forms: v.forms,
    channels: v.channels,
  };
}

/** GET: the empty form. */
export async function requestFormPage(deps: Deps, code: string): Promise<PublicPage | null> {
  return page(deps, code, REQUEST_PATH, '政府信息公开申请', 200, requestFormBody(EMPTY_FORM, newChallenge(deps), []));
}

/** POST: `step=check` validates and shows the confirmation; `step=confirm` registers the request. */
export async function submitRequestForm(deps: Deps, code: string, body: Record<string, unknown>): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  if (body.step === 'confirm') return confirmRequest(deps, code, siteId, textField(body.data, 20_000));
  const values = formValues(body);
  const errors: string[] = [];
  const challenge = challengeProblem(deps, CHALLENGE, textField(body.challenge, 1000), values.answer, textField(body.website, 100));
  if (challenge) errors.push(challenge);
  const parsed = RequestFormSchema.safeParse(formInput(values));
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message));
  else {
    const id = checkIdDocument({ type: parsed.data.applicant.idType, number: parsed.data.applicant.idNumber } as IdDocument, today(deps));
    if (!id.ok) errors.push(...id.problems.map((p) => p.message));
  }
  if (errors.length || !parsed.success)
    return page(deps, code, REQUEST_PATH, '政府信息公开申请', 400, requestFormBody({ ...values, answer: '' }, newChallenge(deps), errors));
  const token = seal(deps, CONFIRM, { form: parsed.data, at: deps.clock.now().getTime(), submittedOn: today(deps) });
  return page(deps, code, REQUEST_PATH, '核对申请', 200, confirmBody(summaryRows(parsed.data), token));
}

function summaryRows(f: RequestForm): [string, string][] {
  const idType = ID_TYPES.find((t) => t.type === f.applicant.idType)?.label ?? f.applicant.idType;
  return [
    ['申请人类型', f.applicant.kind === 'organisation' ? '法人或其他组织' : '公民'],
    ['姓名或名称', f.applicant.name],
    ['证件', `${idType} ${f.applicant.idNumber}`],
    ['联系电话', f.applicant.phone],
    ['通信地址', f.applicant.address ?? '—'],
    ['电子邮箱', f.applicant.email ?? '—'],
    ['所需信息', f.description],
    ['用途', f.purpose ?? '—'],
    ['获取方式', f.forms.map((x) => DELIVERY_FORM_LABELS[x]).join('、')],
    ['获取途径', f.channels.map((x) => DELIVERY_CHANNEL_LABELS[x]).join('、')],
  ];
}

async function confirmRequest(deps: Deps, code: string, siteId: string, token: string): Promise<PublicPage | null> {
  const data = unseal<{ form: RequestForm; at: number; submittedOn: string }>(deps, CONFIRM, token);
  if (!data || deps.clock.now().getTime() - data.at > MAX_FORM_AGE_MS)
    return page(
      deps,
      code,
      REQUEST_PATH,
      '政府信息公开申请',
      400,
      requestFormBody(EMPTY_FORM, newChallenge(deps), ['页面已失效，请重新填写']),
    );
  try {
    const done = await registerChecked(deps, PUBLIC_ACTOR, {
      ...data.form,
      siteId,
      receipt: { channel: 'online', submittedOn: data.submittedOn, confirmedOn: today(deps) },
      // The same confirmation sent twice (a double click, a resent form) is one request.
      idempotencyKey: sm3(token).slice(0, 64),
    });
    return page(deps, code, REQUEST_PATH, '申请已提交', 201, receiptBody(done.trackingNo, done.queryCode, done.receivedOn, done.dueOn));
  } catch (e) {
    if (isAppError(e) && e.status === 409 && typeof e.details?.trackingNo === 'string')
      return page(
        deps,
        code,
        TRACKING_PATH,
        '申请已提交',
        409,
        lookupBody(e.details.trackingNo, '该申请已经提交，请用受理编号和查询码查询办理情况'),
      );
    throw e;
  }
}

/** GET: the lookup form. */
export async function trackingFormPage(deps: Deps, code: string): Promise<PublicPage | null> {
  return page(deps, code, TRACKING_PATH, '申请办理情况查询', 200, lookupBody('', null));
}

/** POST: `action=lookup` shows the request; `action=amend` records the applicant's amendment. */
export async function trackingAction(deps: Deps, code: string, body: Record<string, unknown>): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const trackingNo = textField(body.trackingNo, 20).trim();
  const queryCode = textField(body.queryCode, 8).trim();
  const row = /^\d{14}$/.test(trackingNo) ? await requestLookup.byTrackingNo(deps.db.kysely, trackingNo) : undefined;
  const given = Buffer.from(queryCodeHash(queryCode));
  if (!row || row.site_id !== siteId || !timingSafeEqual(given, Buffer.from(row.query_code_hash)))
    return page(deps, code, TRACKING_PATH, '申请办理情况查询', 404, lookupBody(trackingNo, '受理编号或查询码不正确'));
  let message: string | null = null;
  let error: string | null = null;
  if (body.action === 'amend') {
    const amendment = textField(body.amendment, 20_000).trim();
    if (!amendment) error = '请填写补正内容';
    else {
      try {
        await recordEventAs(deps, PUBLIC_ACTOR, row.id, { event: { type: 'amendmentReceived', on: today(deps) }, note: amendment });
        message = '补正已提交，答复期限自今日起重新计算';
      } catch (e) {
        if (!isAppError(e) || e.status >= 500) throw e;
        error = e.message;
      }
    }
  }
  const history = await requestEvents.history(deps.db.kysely, row.id);
  const events = history.filter((e) => !isRecordEventType(e.type));
  const parsed = events.map((e) => JSON.parse(e.data) as ClockEvent & { outcome?: string; applicantDeadline?: string | null });
  const clock = requestClock(await loadCalendar(deps), parsed, today(deps));
  const shown: PublicEvent[] = events.map((e, i) => {
    const ev = parsed[i]!;
    return {
      type: e.type,
      on: 'on' in ev ? ev.on : (clock.receivedOn ?? ''),
      label: EVENT_LABELS[ev.type],
      note: PUBLIC_NOTES.has(e.type) ? e.note : null,
      ...(ev.outcome ? { outcome: ev.outcome } : {}),
      ...(ev.type === 'amendmentRequested' ? { applicantDeadline: ev.applicantDeadline } : {}),
    };
  });
  // The applicant also sees how the reply was sent (the office's internal steps stay internal).
  for (const e of history) {
    if (e.type !== 'delivered') continue;
    const d = JSON.parse(e.data) as { on: string; method: DeliveryMethod; trackingNumber: string | null };
    const how = DELIVERY_METHOD_LABELS[d.method] ?? d.method;
    shown.push({
      type: e.type,
      on: d.on,
      label: '答复已送达',
      note: `送达方式：${how}${d.trackingNumber ? `（邮件号 ${d.trackingNumber}）` : ''}`,
    });
  }
  return page(
    deps,
    code,
    TRACKING_PATH,
    '申请办理情况',
    error ? 400 : 200,
    statusBody(trackingNo, queryCode, clock, shown, message, error),
  );
}
