/**
 * Machinery shared by the public forms of every hosted site (依申请公开, letters, surveys): the
 * field readers that cut what a visitor posts to a bounded string, values sealed into the page
 * and taken back unchanged, the text challenge against bots with its honeypot, and the answer
 * type of a public page. Each form names its own purposes, so a token made for one form is
 * worthless on another.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { dataKeyring } from './data-keys.ts';
import type { Deps } from './deps.ts';
import { signPayload, verifyPayload } from './personal-data.ts';

/** A public page: the status and the whole HTML document. */
export interface PublicPage {
  status: number;
  html: string;
}

/** The text challenge of a form: the question shown and the sealed token that checks its answer. */
export interface Challenge {
  question: string;
  token: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** A human needs a few seconds to fill a form; a form older than this must be reloaded. */
export const MIN_FILL_MS = 3_000;
export const MAX_FORM_AGE_MS = 2 * 3_600_000;

/**
 * A posted field as a string cut to `max` characters (anything else: empty). Callers cut well
 * beyond each field's limit, so too long is refused with a message, not silently shortened.
 */
export function textField(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** A repeated field (checkboxes) as at most `maxItems` strings. */
export function listField(v: unknown, maxItems = 10): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string').slice(0, maxItems);
}

/** SM3 of a string, hex. */
export function sm3(s: string): string {
  return createHash('sm3').update(s).digest('hex');
}

/** A value handed to the browser in a form and taken back unchanged: JSON, signed for one purpose. */
export function seal(deps: Deps, purpose: string, value: unknown): string {
  return signPayload(dataKeyring(deps.config), purpose, Buffer.from(JSON.stringify(value)).toString('base64url'));
}

/** The value of a sealed token, or null when it was not made by `seal` for this purpose. */
export function unseal<T>(deps: Deps, purpose: string, token: string): T | null {
  const payload = verifyPayload(dataKeyring(deps.config), purpose, token);
  if (payload === null) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString()) as T;
  } catch {
    return null;
  }
}

/** A new sum-of-two-digits question, its answer sealed for `purpose` with the moment it was asked. */
export function newChallenge(deps: Deps, purpose: string): Challenge {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const nonce = randomBytes(8).toString('hex');
  const token = seal(deps, purpose, { n: nonce, h: sm3(`${nonce}:${a + b}`), t: deps.clock.now().getTime() });
  return { question: `${DIGITS[a]}加${DIGITS[b]}等于几？`, token };
}

/** Why the challenge fails (forged or stale token, honeypot filled, too fast, wrong answer), or null. */
export function challengeProblem(deps: Deps, purpose: string, token: string, answer: string, honeypot: string): string | null {
  const c = unseal<{ n: string; h: string; t: number }>(deps, purpose, token);
  if (!c || typeof c.t !== 'number' || honeypot) return '页面已失效，请重新填写';
  const age = deps.clock.now().getTime() - c.t;
  if (age > MAX_FORM_AGE_MS) return '页面已超过 2 小时，请重新填写';
  if (age < MIN_FILL_MS) return '提交过快，请核对后再提交';
  return sm3(`${c.n}:${answer.trim()}`) === c.h ? null : '验证问题回答不正确';
}

/** Renders a body in the frame of the site with this code (publishing's `sitePage`); null when there is no such site. */
export type SiteFrame<Body> = (
  deps: Deps,
  code: string,
  page: { path: string; title: string; body: Body; backPath?: string },
) => Promise<string | null>;

/**
 * The `page(deps, code, path, title, status, body)` helper of a room's public forms, over the
 * site frame it is given (the platform does not reach into the publishing room itself).
 * `backPath` is where the 适老化 switch returns (default: `path`), e.g. with a page number.
 * The frame is looked up when a page is made, not when the room's module is loaded: the rooms
 * and publishing import each other, and a frame read too early in that cycle is undefined.
 */
export function framedPages<Body>(frameOf: () => SiteFrame<Body>) {
  return async (
    deps: Deps,
    code: string,
    path: string,
    title: string,
    status: number,
    body: Body,
    backPath?: string,
  ): Promise<PublicPage | null> => {
    const html = await frameOf()(deps, code, { path, title, body, ...(backPath ? { backPath } : {}) });
    return html === null ? null : { status, html };
  };
}
