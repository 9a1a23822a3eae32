/**
 * Pieces of the public forms other rooms show in a site's frame (依申请公开, letters, surveys):
 * the list of problems of the last try, the text challenge with its honeypot, and plain text
 * shown as paragraphs. One markup for all of them, so they look and read alike (and pass the
 * same accessibility checks).
 */
import { html, type SafeHtml } from './html.ts';

/** The problems of the last try, announced to screen readers; nothing when there are none. */
export function formErrors(errors: readonly string[]): SafeHtml | null {
  if (!errors.length) return null;
  return html`<div class="form-error" role="alert">
    <p>请修改以下内容后再提交：</p>
    <ul>
      ${errors.map((e) => html`<li>${e}</li> `)}
    </ul>
  </div>`;
}

/**
 * The text challenge (a sum to answer in digits) with its sealed token and the honeypot field
 * a person never sees. `prefix` keeps the ids unique on the page (`f` gives `f-answer`).
 */
export function challengeFields(prefix: string, challenge: { question: string; token: string }, answer: string): SafeHtml {
  return html`<p>
      <label for="${prefix}-answer">${challenge.question}（请填写阿拉伯数字）*</label><br /><input
        id="${prefix}-answer"
        name="answer"
        inputmode="numeric"
        maxlength="3"
        required
        autocomplete="off"
        value="${answer}"
      />
    </p>
    <input type="hidden" name="challenge" value="${challenge.token}" />
    <div hidden>
      <label for="${prefix}-website">请勿填写此项</label><input id="${prefix}-website" name="website" tabindex="-1" autocomplete="off" />
    </div>`;
}

/** Plain text with its line breaks kept: one paragraph per non-empty line. */
export function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => html`<p>${l}</p> `)}`;
}
