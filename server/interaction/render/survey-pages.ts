/**
 * Bodies of the public 征集调查 pages: the list of a site's surveys, one survey with its opinion
 * form (open) or its result feedback (published), and the thank-you page. Plain HTML forms: they
 * work without JavaScript. Every value goes through the escaping `html` template; no page shows
 * a writer's name or phone.
 */
import { beijingDate } from '../../../common/dates.ts';
import { SURVEYS_PATH } from '../../../common/public-paths.ts';
import { SURVEY_STATE_LABELS, type SurveyView } from '../../../common/schemas/interaction.ts';
import type { Challenge } from '../../platform/public-forms.ts';
import { challengeFields, formErrors, html, paragraphs, type SafeHtml } from '../../publishing/index.ts';
import { surveyPeriodText } from '../rules/surveys.ts';

/** The list page's site path (a folder: its links to the surveys are relative). */
export const SURVEY_PATH = SURVEYS_PATH;

/** A survey's site path. */
export const surveyPath = (id: string) => `${SURVEY_PATH}${id}`;

/** What the visitor typed, echoed back into the form (all strings, cut to a little over the fields' lengths). */
export interface OpinionValues {
  content: string;
  name: string;
  phone: string;
  answer: string;
}

export const EMPTY_OPINION: OpinionValues = { content: '', name: '', phone: '', answer: '' };

/** The survey's form as shown: what was typed, a fresh challenge, the problems of the last try. */
export interface OpinionForm {
  values: OpinionValues;
  challenge: Challenge;
  errors: readonly string[];
}

function surveyItem(s: SurveyView): SafeHtml {
  return html`<li>
    <a href="${s.id}">${s.title}</a>
    <span class="survey-state">${SURVEY_STATE_LABELS[s.state]}</span>
    <span class="survey-period">征集时间：${surveyPeriodText(s)}</span>
    ${s.state === 'resultPublished' ? html`<a class="survey-result-link" href="${s.id}#result">查看结果反馈</a>` : null}
  </li> `;
}

function section(title: string, list: readonly SurveyView[], empty: string | null): SafeHtml | null {
  if (!list.length && empty === null) return null;
  return html`<h2>${title}</h2>
    ${
      list.length
        ? html`<ul class="survey-list">
            ${list.map(surveyItem)}
          </ul>`
        : html`<p>${empty}</p>`
    }`;
}

/** The site's surveys: open ones first, then announced ones, then past ones with their result links. */
export function surveyListBody(surveys: readonly SurveyView[]): SafeHtml {
  const open = surveys.filter((s) => s.state === 'open');
  const upcoming = surveys.filter((s) => s.state === 'upcoming');
  const past = surveys.filter((s) => s.state === 'ended' || s.state === 'resultPublished');
  return html`<h1>征集调查</h1>
    ${section('正在征集', open, '目前没有正在进行的征集。')} ${section('即将开始', upcoming, null)}
    ${section('往期征集', past, '暂无往期征集。')}`;
}

function opinionFormBody(s: SurveyView, form: OpinionForm): SafeHtml {
  const v = form.values;
  return html`<h2 id="opinion">发表意见</h2>
    <p>带 * 的为必填项。姓名和联系电话仅用于工作人员与您联系，不会公开。</p>
    ${formErrors(form.errors)}
    <form class="opinion-form" action="${s.id}#opinion" method="post">
      <p>
        <label for="o-content">意见内容 *</label><br />
        <textarea id="o-content" name="content" rows="8" maxlength="2000" required>${v.content}</textarea>
      </p>
      <p>
        <label for="o-name">姓名（选填）</label><br /><input id="o-name" name="name" maxlength="50" autocomplete="name" value="${v.name}" />
      </p>
      <p>
        <label for="o-phone">联系电话（选填）</label><br /><input
          id="o-phone"
          name="phone"
          type="tel"
          maxlength="30"
          autocomplete="tel"
          value="${v.phone}"
        />
      </p>
      ${challengeFields('o', form.challenge, v.answer)}
      <p><button type="submit">提交意见</button></p>
    </form>`;
}

/**
 * One survey: its description and dates, then the opinion form while it is open (`form`), a
 * message when it is not, and the result feedback once published.
 */
export function surveyBody(s: SurveyView, form: OpinionForm | null, notice: string | null = null): SafeHtml {
  const closedText =
    s.state === 'upcoming' ? `征集将于 ${s.startsOn} 开始，届时可发表意见。` : s.state === 'open' ? null : '本次征集已结束，感谢您的关注。';
  return html`<h1>${s.title}</h1>
    <dl class="survey-summary">
      <dt>征集时间</dt>
      <dd id="survey-period">${surveyPeriodText(s)}</dd>
      <dt>状态</dt>
      <dd id="survey-state">${SURVEY_STATE_LABELS[s.state]}</dd>
      <dt>收到意见</dt>
      <dd id="survey-opinions">${s.opinions} 条</dd>
    </dl>
    <div class="survey-description">${paragraphs(s.description)}</div>
    ${notice ? html`<p class="form-error" role="alert">${notice}</p>` : null}
    ${s.state === 'open' && form ? opinionFormBody(s, form) : closedText ? html`<p class="form-notice">${closedText}</p>` : null}
    ${
      s.state === 'resultPublished' && s.result
        ? html`<h2 id="result">结果反馈</h2>
            ${s.resultPublishedAt ? html`<p class="survey-result-date">发布时间：${beijingDate(s.resultPublishedAt)}</p>` : null}
            <div class="survey-result">${paragraphs(s.result)}</div>`
        : null
    }
    <p><a href="./">返回征集调查列表</a></p>`;
}

/** After an opinion came in. */
export function thanksBody(s: SurveyView): SafeHtml {
  return html`<h1>意见已提交</h1>
    <p class="form-notice" role="status">感谢您对“${s.title}”提出意见。征集结束后，我们将在本网站反馈意见采纳情况。</p>
    <p><a href="${s.id}">返回征集页面</a></p>
    <p><a href="./">返回征集调查列表</a></p>`;
}

/** No such survey on this site (or not published). */
export function surveyMissingBody(): SafeHtml {
  return html`<h1>征集不存在</h1>
    <p>您访问的征集不存在或尚未发布。</p>
    <p><a href="./">返回征集调查列表</a></p>`;
}
