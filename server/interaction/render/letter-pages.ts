/**
 * Bodies of the public 政民互动 pages of every site: the interaction home with the site's
 * channels, the letter form, the receipt (tracking number and query code shown once), the
 * tracking page with the reply and the rating form, the answered letters and one answered letter
 * (留言时间, 答复时间, 答复单位, as the national checklist asks), and the year's figures per
 * channel. Plain HTML forms that work without JavaScript; every value goes through the escaping
 * `html` template, and links are relative to the page they are served at.
 */
import { BEIJING_OFFSET_MS } from '../../../common/dates.ts';
import {
  INTERACTION_PATH,
  LETTER_LIST_PATH,
  LETTER_STATISTICS_PATH,
  LETTER_TRACKING_PATH,
  LETTER_WRITE_PATH,
  SURVEYS_PATH,
} from '../../../common/public-paths.ts';
import {
  CHANNEL_KIND_LABELS,
  LETTER_CATEGORIES,
  RATING_LABELS,
  RATINGS,
  type ChannelView,
  type Rating,
} from '../../../common/schemas/interaction.ts';
import type { Challenge } from '../../platform/public-forms.ts';
import { challengeFields, formErrors, html, paginationNav, paragraphs, relativeUrl, type SafeHtml } from '../../publishing/index.ts';

export { INTERACTION_PATH, LETTER_LIST_PATH, LETTER_STATISTICS_PATH, LETTER_TRACKING_PATH, LETTER_WRITE_PATH };

/** Attachments a letter may carry: how many and how large (the types are letter-attachments.ts's LETTER_FILE_MIMES). */
export const LETTER_FILES_MAX = 3;
export const LETTER_FILE_MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx';

/** The page of one answered letter. */
export function letterPath(id: string): string {
  return `${LETTER_LIST_PATH}${id}`;
}

/** The link from the page at `at` to the site path `to`. */
const link = (at: string, to: string) => relativeUrl(at, to);

/** What the visitor typed, echoed back into the form (all strings, cut to bounded lengths). */
export interface LetterFormValues {
  channelId: string;
  category: string;
  title: string;
  content: string;
  name: string;
  phone: string;
  email: string;
  consentPublish: boolean;
  answer: string;
}

export const EMPTY_LETTER_FORM: LetterFormValues = {
  channelId: '',
  category: '',
  title: '',
  content: '',
  name: '',
  phone: '',
  email: '',
  consentPublish: false,
  answer: '',
};

const checked = (on: boolean) => (on ? html` checked` : null);
const selected = (on: boolean) => (on ? html` selected` : null);

const notice = (message: string | null) => (message ? html`<p class="form-notice" role="status">${message}</p>` : null);
const alert = (message: string | null) => (message ? html`<p class="form-error" role="alert">${message}</p>` : null);

/** `YYYY-MM-DD HH:mm` in Beijing time of an ISO instant (a bare date is kept). */
export function beijingMinute(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const kindLabel = (c: ChannelView) => CHANNEL_KIND_LABELS[c.kind] ?? '';

function channelItem(c: ChannelView): SafeHtml {
  return html`<li>
    <div>
      <h3>${c.name}</h3>
      ${c.intro ? paragraphs(c.intro) : null}
      <p>类型：${kindLabel(c)}；办理单位：${c.handlingOrgName}；<strong>${c.replyDays} 个工作日内答复</strong></p>
    </div>
    <p><a href="${`${link(INTERACTION_PATH, LETTER_WRITE_PATH)}?channel=${encodeURIComponent(c.id)}`}">给${c.name}写信</a></p>
  </li> `;
}

function homeBlock(id: string, title: string, text: string, href: string, linkText: string): SafeHtml {
  return html`<section class="block" aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    <p>${text}</p>
    <p class="more"><a href="${href}">${linkText}</a></p>
  </section> `;
}

/** The interaction home: the open channels with their deadlines, and the ways to the other pages. */
export function interactionHomeBody(channels: readonly ChannelView[]): SafeHtml {
  const at = INTERACTION_PATH;
  return html`<h1>政民互动</h1>
    <p>欢迎您就政府工作提出咨询、投诉和建议。来信由各渠道的办理单位在规定时限内答复，答复期限不计收信当日，遇法定节假日顺延。</p>
    <h2>写信渠道</h2>
    ${
      channels.length
        ? html`<ul class="article-list channel-list">
            ${channels.map(channelItem)}
          </ul>`
        : html`<p class="empty">本网站暂未开通在线写信渠道。</p>`
    }
    <div class="blocks">
      ${homeBlock('hdjl-track', '信件查询', '凭信件编号和查询码查询办理情况，并对答复进行评价。', link(at, LETTER_TRACKING_PATH), '查询信件办理情况')}
      ${homeBlock('hdjl-list', '信件选登', '经来信人同意公开的信件及其答复。', link(at, LETTER_LIST_PATH), '查看已答复的信件')}
      ${homeBlock('hdjl-stats', '统计数据', '本年度各渠道收到来信、答复数量和平均答复用时。', link(at, LETTER_STATISTICS_PATH), '查看来信办理统计')}
      ${homeBlock('hdjl-surveys', '征集调查', '政策文件、规划计划等的意见征集和结果反馈。', link(at, SURVEYS_PATH), '参与征集调查')}
    </div>`;
}

function channelOption(c: ChannelView, chosen: string): SafeHtml {
  return html`<option value="${c.id}" ${selected(chosen === c.id)}>${c.name}（${c.replyDays} 个工作日内答复）</option> `;
}

function textInput(id: string, name: string, label: string, value: string, attrs: SafeHtml): SafeHtml {
  return html`<p><label for="${id}">${label}</label><br /><input id="${id}" name="${name}" value="${value}" ${attrs} /></p>`;
}

/** The letter form (multipart: the attachments travel with it). */
export function letterFormBody(
  channels: readonly ChannelView[],
  values: LetterFormValues,
  challenge: Challenge,
  errors: readonly string[],
): SafeHtml {
  const at = LETTER_WRITE_PATH;
  const tracking = html`<p><a href="${link(at, LETTER_TRACKING_PATH)}">查询已提交信件的办理情况</a></p>`;
  if (!channels.length)
    return html`<h1>我要写信</h1>
      ${formErrors(errors)}
      <p class="empty">本网站暂未开通在线写信渠道。</p>
      ${tracking}`;
  const chosen = values.channelId || (channels.length === 1 ? (channels[0]?.id ?? '') : '');
  return html`<h1>我要写信</h1>
    <p>请如实填写，带 * 的为必填项。您的姓名、联系电话和电子邮箱只用于办理和联系，任何情况下都不会公开。</p>
    ${formErrors(errors)}
    <form class="letter-form" action="./" method="post" enctype="multipart/form-data">
      <fieldset>
        <legend>信件内容</legend>
        <p>
          <label for="f-channel">信件类型 *</label><br /><select id="f-channel" name="channelId" required>
            <option value="" ${selected(!chosen)}>请选择</option>
            ${channels.map((c) => channelOption(c, chosen))}
          </select>
        </p>
        <p>
          <label for="f-category">信件分类 *</label><br /><select id="f-category" name="category" required>
            <option value="" ${selected(!values.category)}>请选择</option>
            ${LETTER_CATEGORIES.map((c) => html`<option value="${c}" ${selected(values.category === c)}>${c}</option> `)}
          </select>
        </p>
        ${textInput('f-title', 'title', '标题 *', values.title, html`maxlength="100" required autocomplete="off"`)}
        <p>
          <label for="f-content">内容 *（不超过 5000 字）</label><br />
          <textarea id="f-content" name="content" rows="10" maxlength="5000" required>${values.content}</textarea>
        </p>
      </fieldset>
      <fieldset>
        <legend>来信人信息（不公开）</legend>
        ${textInput('f-name', 'name', '姓名 *', values.name, html`maxlength="50" required autocomplete="name"`)}
        ${textInput('f-phone', 'phone', '联系电话 *', values.phone, html`type="tel" maxlength="30" required autocomplete="tel"`)}
        ${textInput('f-email', 'email', '电子邮箱（选填）', values.email, html`type="email" maxlength="100" autocomplete="email"`)}
      </fieldset>
      <fieldset>
        <legend>是否同意公开</legend>
        <p>
          <label
            ><input type="checkbox" name="consentPublish" value="1" aria-describedby="f-consent-note" ${checked(values.consentPublish)} />
            同意在网站上公开本信件的标题、内容及答复</label
          >
        </p>
        <p id="f-consent-note">公开前会隐去信件中涉及个人的信息。您的姓名和联系电话在任何情况下都不会公开。</p>
      </fieldset>
      <fieldset>
        <legend>附件（选填）</legend>
        <p>
          <label for="f-files">选择附件</label><br /><input
            id="f-files"
            name="attachments"
            type="file"
            multiple
            accept="${ACCEPT}"
            aria-describedby="f-files-note"
          />
        </p>
        <p id="f-files-note">最多 ${LETTER_FILES_MAX} 个文件，每个不超过 5 MB，支持 PDF、JPG、PNG、DOCX 格式。</p>
      </fieldset>
      <fieldset>
        <legend>验证</legend>
        ${challengeFields('f', challenge, values.answer)}
      </fieldset>
      <p><button type="submit">提交信件</button></p>
    </form>
    ${tracking}`;
}

export interface LetterReceipt {
  trackingNo: string;
  queryCode: string;
  receivedOn: string;
  dueOn: string;
  channelName: string;
  replyDays: number;
}

/** The receipt: tracking number and query code (shown this once), and the reply due date. */
export function letterReceiptBody(r: LetterReceipt): SafeHtml {
  return html`<h1>信件已提交</h1>
    <p>您写给${r.channelName}的信件已于 ${r.receivedOn} 收到。</p>
    <dl class="letter-summary">
      <dt>信件编号</dt>
      <dd><strong id="tracking-no">${r.trackingNo}</strong></dd>
      <dt>查询码</dt>
      <dd><strong id="query-code">${r.queryCode}</strong></dd>
      <dt>答复期限</dt>
      <dd id="letter-due">${r.dueOn} 前（${r.replyDays} 个工作日，不计收信当日）</dd>
    </dl>
    <p>请记下信件编号和查询码：查询办理情况、评价答复都需要它们。查询码只显示这一次。</p>
    <p><a href="${link(LETTER_WRITE_PATH, LETTER_TRACKING_PATH)}">查询办理情况</a></p>`;
}

/** The lookup form; `at` is the path the page is served at (the form page answers a repeated submission with it). */
export function letterLookupBody(at: string, trackingNo: string, error: string | null, message: string | null = null): SafeHtml {
  return html`<h1>信件办理情况查询</h1>
    ${notice(message)} ${alert(error)}
    <form action="${link(at, LETTER_TRACKING_PATH)}" method="post">
      <input type="hidden" name="action" value="lookup" />
      ${textInput('q-tracking', 'trackingNo', '信件编号', trackingNo, html`maxlength="20" required autocomplete="off" inputmode="numeric"`)}
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

/** What the tracking page shows of a letter (the interaction room's PublicLetterStatus). */
export interface LetterStatusView {
  trackingNo: string;
  channelName: string;
  category: string;
  title: string;
  content: string;
  stateLabel: string;
  receivedOn: string;
  dueOn: string;
  handlingOrgName: string;
  reply: string | null;
  replyOrgName: string | null;
  repliedOn: string | null;
  rating: Rating | null;
  ratingComment: string | null;
  canRate: boolean;
  history: readonly { on: string; label: string }[];
}

function ratingForm(s: LetterStatusView, queryCode: string, values: { rating: string; comment: string }): SafeHtml {
  return html`<h2>评价答复</h2>
    <form action="./" method="post">
      <input type="hidden" name="action" value="rate" />
      <input type="hidden" name="trackingNo" value="${s.trackingNo}" />
      <input type="hidden" name="queryCode" value="${queryCode}" />
      <fieldset>
        <legend>您对答复是否满意 *</legend>
        ${RATINGS.map(
          (r) =>
            html`<label
              ><input type="radio" name="rating" value="${r}" required ${checked(values.rating === r)} /> ${RATING_LABELS[r]}</label
            > `,
        )}
      </fieldset>
      <p>
        <label for="r-comment">评价意见（选填，不超过 500 字）</label><br /><textarea
          id="r-comment"
          name="comment"
          rows="4"
          maxlength="500"
        >
${values.comment}</textarea>
      </p>
      <p><button type="submit">提交评价</button></p>
    </form>`;
}

function replySection(s: LetterStatusView): SafeHtml {
  if (s.reply === null)
    return html`<h2>答复</h2>
      <p class="empty">尚未答复。</p>`;
  return html`<h2>答复</h2>
    <dl class="letter-summary">
      <dt>答复单位</dt>
      <dd>${s.replyOrgName ?? '—'}</dd>
      <dt>答复时间</dt>
      <dd>${s.repliedOn ?? '—'}</dd>
    </dl>
    <div id="letter-reply">${paragraphs(s.reply)}</div>
    ${
      s.rating
        ? html`<p id="letter-rating">您的评价：${RATING_LABELS[s.rating]}${s.ratingComment ? html`（${s.ratingComment}）` : null}</p>`
        : null
    }`;
}

/** The tracking page: the letter, its state and history, the reply, and the rating form when it may be rated. */
export function letterStatusBody(
  s: LetterStatusView,
  queryCode: string,
  opts: { message?: string | null; errors?: readonly string[]; rating?: { rating: string; comment: string } } = {},
): SafeHtml {
  return html`<h1>信件办理情况</h1>
    ${notice(opts.message ?? null)} ${formErrors(opts.errors ?? [])}
    <dl class="letter-summary">
      <dt>信件编号</dt>
      <dd>${s.trackingNo}</dd>
      <dt>信件类型</dt>
      <dd>${s.channelName}</dd>
      <dt>信件分类</dt>
      <dd>${s.category}</dd>
      <dt>办理状态</dt>
      <dd id="letter-state">${s.stateLabel}</dd>
      <dt>收信日期</dt>
      <dd>${s.receivedOn}</dd>
      <dt>答复期限</dt>
      <dd id="letter-due">${s.dueOn}</dd>
      <dt>办理单位</dt>
      <dd>${s.handlingOrgName}</dd>
    </dl>
    <h2>来信内容</h2>
    <p><strong>${s.title}</strong></p>
    ${paragraphs(s.content)}
    <h2>办理记录</h2>
    <ol class="letter-events">
      ${s.history.map((e) => html`<li>${beijingMinute(e.on)} ${e.label}</li> `)}
    </ol>
    ${replySection(s)} ${s.canRate ? ratingForm(s, queryCode, opts.rating ?? { rating: '', comment: '' }) : null}`;
}

/** One answered letter as the public list shows it (already redacted). */
export interface AnsweredLetter {
  id: string;
  channelName: string;
  category: string;
  title: string;
  content: string;
  reply: string;
  replyOrgName: string;
  receivedOn: string;
  repliedOn: string;
}

/** Page `page` of the answered letters: a table of 标题, 渠道, 分类, 来信日期, 答复日期, 答复单位. */
export function answeredListBody(items: readonly AnsweredLetter[], page: number, pages: number, total: number): SafeHtml {
  const at = LETTER_LIST_PATH;
  const href = (p: number) => (p === 1 ? './' : `./?page=${p}`);
  return html`<h1>信件选登</h1>
    <p>经来信人同意公开的信件及答复，共 ${total} 件。公开时已隐去涉及个人的信息。</p>
    ${
      items.length
        ? html`<table class="catalogue-table">
            <caption>
              已答复信件（第 ${page} 页）
            </caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">渠道</th>
                <th scope="col">分类</th>
                <th scope="col">来信日期</th>
                <th scope="col">答复日期</th>
                <th scope="col">答复单位</th>
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (l) =>
                  html`<tr>
                    <td><a href="${link(at, letterPath(l.id))}">${l.title}</a></td>
                    <td>${l.channelName}</td>
                    <td>${l.category}</td>
                    <td>${l.receivedOn}</td>
                    <td>${l.repliedOn}</td>
                    <td>${l.replyOrgName}</td>
                  </tr> `,
              )}
            </tbody>
          </table>`
        : html`<p class="empty">暂无公开的信件。</p>`
    }
    ${paginationNav('分页', page, pages, href, html`<p>共 ${pages} 页</p>`)}
    <p><a href="${link(at, INTERACTION_PATH)}">返回政民互动</a></p>`;
}

/** One answered letter: the question, the reply, 留言时间, 答复时间 and 答复单位. */
export function answeredLetterBody(l: AnsweredLetter): SafeHtml {
  const at = letterPath(l.id);
  return html`<h1>${l.title}</h1>
    <dl class="letter-summary">
      <dt>信件类型</dt>
      <dd>${l.channelName}</dd>
      <dt>信件分类</dt>
      <dd>${l.category}</dd>
      <dt>留言时间</dt>
      <dd id="letter-received">${l.receivedOn}</dd>
      <dt>答复时间</dt>
      <dd id="letter-replied">${l.repliedOn}</dd>
      <dt>答复单位</dt>
      <dd id="letter-reply-org">${l.replyOrgName}</dd>
    </dl>
    <h2>来信内容</h2>
    <div class="letter-question">${paragraphs(l.content)}</div>
    <h2>答复内容</h2>
    <div class="letter-answer">${paragraphs(l.reply)}</div>
    <p><a href="${link(at, LETTER_LIST_PATH)}">返回信件选登</a></p>`;
}

/** The answer for a letter or list page that does not exist (or a letter taken off the list), served at `at`. */
export function notFoundBody(at: string, heading: string): SafeHtml {
  return html`<h1>${heading}</h1>
    <p>请从信件选登中查找。</p>
    <p><a href="${link(at, LETTER_LIST_PATH)}">返回信件选登</a></p>`;
}

/** One channel's figures of the year. */
export interface ChannelFigures {
  channelName: string;
  received: number;
  answered: number;
  averageDays: number | null;
}

const days = (d: number | null) => (d === null ? '—' : d.toFixed(1));

/** Letters received, answered and the average days to answer, per channel, from 1 January to `to`. */
export function statisticsBody(year: number, from: string, to: string, rows: readonly ChannelFigures[]): SafeHtml {
  const received = rows.reduce((n, r) => n + r.received, 0);
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  const weighted = rows.reduce((n, r) => n + (r.averageDays ?? 0) * r.answered, 0);
  const average = answered ? Math.round((weighted / answered) * 10) / 10 : null;
  return html`<h1>来信办理统计</h1>
    <p>按收信日期统计 ${from} 至 ${to} 收到的来信；重复来信合并办理的不重复计算。平均答复用时为收信至答复的自然日数。</p>
    <table class="catalogue-table">
      <caption>
        ${year} 年各渠道来信办理情况
      </caption>
      <thead>
        <tr>
          <th scope="col">渠道</th>
          <th scope="col">收到来信（件）</th>
          <th scope="col">已答复（件）</th>
          <th scope="col">平均答复用时（天）</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.channelName}</th>
              <td>${r.received}</td>
              <td>${r.answered}</td>
              <td>${days(r.averageDays)}</td>
            </tr> `,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合计</th>
          <td id="stats-received">${received}</td>
          <td id="stats-answered">${answered}</td>
          <td>${days(average)}</td>
        </tr>
      </tfoot>
    </table>
    <p><a href="${link(LETTER_STATISTICS_PATH, INTERACTION_PATH)}">返回政民互动</a></p>`;
}
