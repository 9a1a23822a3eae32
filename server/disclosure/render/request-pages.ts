/**
 * Bodies of the public 依申请公开 pages: the request form, its confirmation, the receipt with
 * the tracking number and query code, and the tracking page (status, due date with its
 * calculation, the office's notices and reply, the amendment form). Plain HTML forms: they work
 * without JavaScript. Every value goes through the escaping `html` template.
 */
import { APPLICANT_CATEGORIES, replyOutcomeLabel } from '../../../common/disclosure-outcomes.ts';
import { ID_TYPES } from '../../../common/identity.ts';
import { DELIVERY_CHANNEL_LABELS, DELIVERY_CHANNELS, DELIVERY_FORM_LABELS, DELIVERY_FORMS } from '../../../common/schemas/disclosure.ts';
import { DISCLOSURE_REQUEST_PATH, DISCLOSURE_TRACKING_PATH } from '../../../common/public-paths.ts';
import type { Challenge } from '../../platform/public-forms.ts';
import { challengeFields, formErrors, html, type SafeHtml } from '../../publishing/index.ts';
import type { RequestClock } from '../rules/request-clock.ts';

export const REQUEST_PATH = DISCLOSURE_REQUEST_PATH;
export const TRACKING_PATH = DISCLOSURE_TRACKING_PATH;
/** Relative URLs from the one-level-deep pages above. */
const REQUEST_URL = REQUEST_PATH.slice(1);
const TRACKING_URL = TRACKING_PATH.slice(1);

/** What the visitor typed, echoed back into the form (all strings, cut to the fields' lengths). */
export interface FormValues {
  kind: string;
  orgCategory: string;
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  address: string;
  email: string;
  description: string;
  purpose: string;
  forms: string[];
  channels: string[];
  answer: string;
}

export type { Challenge } from '../../platform/public-forms.ts';

export const EMPTY_FORM: FormValues = {
  kind: 'person',
  orgCategory: '',
  name: '',
  idType: 'residentId',
  idNumber: '',
  phone: '',
  address: '',
  email: '',
  description: '',
  purpose: '',
  forms: [],
  channels: [],
  answer: '',
};

const checked = (on: boolean) => (on ? html` checked` : null);
const selected = (on: boolean) => (on ? html` selected` : null);

/** The request form (条例 第二十九条: who asks, what for, in which form and by which channel). */
export function requestFormBody(values: FormValues, challenge: Challenge, errors: readonly string[]): SafeHtml {
  return html`<h1>政府信息公开申请</h1>
    <p>
      请如实填写以下内容。带 *
      的为必填项。提交后请在确认页面核对并点击“确认提交”，确认之时即为收到申请之日（《政府信息公开条例》第三十一条）。
    </p>
    ${formErrors(errors)}
    <form class="request-form" action="${REQUEST_URL}" method="post">
      <input type="hidden" name="step" value="check" />
      <fieldset>
        <legend>申请人信息</legend>
        <p><span id="kind-label">申请人类型 *</span></p>
        <p role="radiogroup" aria-labelledby="kind-label">
          <label><input type="radio" name="kind" value="person" ${checked(values.kind !== 'organisation')} /> 公民</label>
          <label><input type="radio" name="kind" value="organisation" ${checked(values.kind === 'organisation')} /> 法人或其他组织</label>
        </p>
        <p>
          <label for="f-orgcategory">法人或其他组织类别（法人或其他组织填写）</label><br /><select id="f-orgcategory" name="orgCategory">
            <option value="" ${selected(!values.orgCategory)}>请选择</option>
            ${APPLICANT_CATEGORIES.filter((c) => c.code !== 'natural').map(
              (c) => html`<option value="${c.code}" ${selected(values.orgCategory === c.code)}>${c.label}</option> `,
            )}
          </select>
        </p>
        <p>
          <label for="f-name">姓名或名称 *</label><br /><input
            id="f-name"
            name="name"
            maxlength="100"
            required
            autocomplete="name"
            value="${values.name}"
          />
        </p>
        <p>
          <label for="f-idtype">证件类型 *</label><br /><select id="f-idtype" name="idType">
            ${ID_TYPES.map((t) => html`<option value="${t.type}" ${selected(values.idType === t.type)}>${t.label}</option> `)}
          </select>
        </p>
        <p>
          <label for="f-idnumber">证件号码 *</label><br /><input
            id="f-idnumber"
            name="idNumber"
            maxlength="40"
            required
            autocomplete="off"
            value="${values.idNumber}"
          />
        </p>
        <p>
          <label for="f-phone">联系电话 *</label><br /><input
            id="f-phone"
            name="phone"
            type="tel"
            maxlength="30"
            required
            autocomplete="tel"
            value="${values.phone}"
          />
        </p>
        <p>
          <label for="f-address">通信地址</label><br /><input
            id="f-address"
            name="address"
            maxlength="200"
            autocomplete="address-line1"
            value="${values.address}"
          />
        </p>
        <p>
          <label for="f-email">电子邮箱</label><br /><input
            id="f-email"
            name="email"
            type="email"
            maxlength="100"
            autocomplete="email"
            value="${values.email}"
          />
        </p>
      </fieldset>
      <fieldset>
        <legend>所需信息</legend>
        <p>
          <label for="f-description">所需政府信息的名称、文号或者便于查询的其他特征性描述 *</label><br />
          <textarea id="f-description" name="description" rows="6" maxlength="5000" required>${values.description}</textarea>
        </p>
        <p>
          <label for="f-purpose">用途（选填）</label><br /><input id="f-purpose" name="purpose" maxlength="500" value="${values.purpose}" />
        </p>
      </fieldset>
      <fieldset>
        <legend>获取信息的方式 *</legend>
        ${DELIVERY_FORMS.map((f) => html`<label><input type="checkbox" name="forms" value="${f}" ${checked(values.forms.includes(f))} /> ${DELIVERY_FORM_LABELS[f]}</label> `)}
      </fieldset>
      <fieldset>
        <legend>获取信息的途径 *</legend>
        ${DELIVERY_CHANNELS.map((c) => html`<label><input type="checkbox" name="channels" value="${c}" ${checked(values.channels.includes(c))} /> ${DELIVERY_CHANNEL_LABELS[c]}</label> `)}
      </fieldset>
      <fieldset>
        <legend>验证</legend>
        ${challengeFields('f', challenge, values.answer)}
      </fieldset>
      <p><button type="submit">下一步：核对申请</button></p>
    </form>
    <p><a href="${TRACKING_URL}">查询已提交申请的办理情况</a></p>`;
}

/** The confirmation step: what will be submitted, and the button that records the receipt. */
export function confirmBody(rows: readonly [string, string][], token: string): SafeHtml {
  return html`<h1>核对申请</h1>
    <p>请核对以下内容。点击“确认提交”后，申请即被受理，确认之日为收到申请之日。</p>
    <dl class="request-summary">
      ${rows.map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd> `,
      )}
    </dl>
    <form action="${REQUEST_URL}" method="post">
      <input type="hidden" name="step" value="confirm" />
      <input type="hidden" name="data" value="${token}" />
      <p><button type="submit">确认提交</button></p>
    </form>
    <p><a href="${REQUEST_URL}">返回修改（需重新填写）</a></p>`;
}

/** The receipt: tracking number, query code (shown once) and the reply due date. */
export function receiptBody(trackingNo: string, queryCode: string, receivedOn: string, dueDate: string | null): SafeHtml {
  return html`<h1>申请已提交</h1>
    <p>您的政府信息公开申请已于 ${receivedOn} 收到。</p>
    <dl class="request-summary">
      <dt>受理编号</dt>
      <dd><strong id="tracking-no">${trackingNo}</strong></dd>
      <dt>查询码</dt>
      <dd><strong id="query-code">${queryCode}</strong></dd>
      ${
        dueDate
          ? html`<dt>答复期限</dt>
              <dd>${dueDate} 前（20 个工作日，不计收到申请当日）</dd>`
          : null
      }
    </dl>
    <p>请记下受理编号和查询码：查询办理情况、补正申请都需要它们。查询码只显示这一次。</p>
    <p><a href="${TRACKING_URL}">查询办理情况</a></p>`;
}

export function lookupBody(trackingNo: string, error: string | null): SafeHtml {
  return html`<h1>依申请公开办理情况查询</h1>
    ${error ? html`<p class="form-error" role="alert">${error}</p>` : null}
    <form action="${TRACKING_URL}" method="post">
      <input type="hidden" name="action" value="lookup" />
      <p>
        <label for="q-tracking">受理编号</label><br /><input
          id="q-tracking"
          name="trackingNo"
          maxlength="20"
          required
          autocomplete="off"
          value="${trackingNo}"
        />
      </p>
      <p>
        <label for="q-code">查询码</label><br /><input
          id="q-code"
          name="queryCode"
          maxlength="8"
          required
          autocomplete="off"
          inputmode="numeric"
        />
      </p>
      <p><button type="submit">查询</button></p>
    </form>`;
}

export interface PublicEvent {
  type: string;
  on: string;
  label: string;
  note: string | null;
  outcome?: string;
  applicantDeadline?: string | null;
}

export function statusBody(
  trackingNo: string,
  queryCode: string,
  clock: RequestClock,
  events: readonly PublicEvent[],
  message: string | null,
  error: string | null,
): SafeHtml {
  const amend =
    clock.state === 'awaitingAmendment'
      ? html`<h2>补正申请</h2>
          <form action="${TRACKING_URL}" method="post">
            <input type="hidden" name="action" value="amend" />
            <input type="hidden" name="trackingNo" value="${trackingNo}" />
            <input type="hidden" name="queryCode" value="${queryCode}" />
            <p>
              <label for="a-text">按补正通知的要求补充或更正申请内容 *</label><br /><textarea
                id="a-text"
                name="amendment"
                rows="6"
                maxlength="5000"
                required
              ></textarea>
            </p>
            <p><button type="submit">提交补正</button></p>
          </form>`
      : null;
  return html`<h1>申请办理情况</h1>
    ${message ? html`<p class="form-notice" role="status">${message}</p>` : null}
    ${error ? html`<p class="form-error" role="alert">${error}</p>` : null}
    <dl class="request-summary">
      <dt>受理编号</dt>
      <dd>${trackingNo}</dd>
      <dt>办理状态</dt>
      <dd id="request-state">${clock.stateLabel}</dd>
      ${
        clock.receivedOn
          ? html`<dt>收到申请日期</dt>
              <dd>${clock.receivedOn}</dd>`
          : null
      }
      <dt>答复期限</dt>
      <dd id="request-due">${clock.dueDate ?? (clock.state === 'awaitingAmendment' ? '待补正后重新计算' : '—')}</dd>
    </dl>
    <h2>期限计算</h2>
    <ol class="request-trace">
      ${clock.trace.map((s) => html`<li>${s.date}：${s.text}</li> `)}
    </ol>
    <h2>办理记录</h2>
    <ol class="request-events">
      ${events.map(
        (e) =>
          html`<li>
            <strong>${e.on} ${e.label}</strong>${e.outcome ? html`：${replyOutcomeLabel(e.outcome)}` : null}${
              e.applicantDeadline ? html`（请于 ${e.applicantDeadline} 前补正）` : null
            }${e.note ? html`<br />${e.note}` : null}
          </li> `,
      )}
    </ol>
    ${amend}`;
}
