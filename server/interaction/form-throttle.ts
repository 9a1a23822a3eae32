/**
 * Per-session throttling of the public forms' POSTs (letters, tracking, opinions), beside the
 * per-IP limit of @fastify/rate-limit, so that a flood from one browser is stopped without
 * stopping the other people behind the same address (an office, a school, a mobile carrier).
 *
 * The form pages (never the cached ones) give a visitor without one a random session cookie. A
 * POST carrying it takes one of the session's places for that form; an answer that took
 * nothing in (anything but 2xx: the form again with the reasons, a wrong query code, an error)
 * gives the place back, so typing mistakes never lock a person out. A POST without the cookie
 * (cookies disabled, most robots) is held by the per-IP limit alone. The places live in this
 * process's memory, bounded (rules/throttle.ts); with several processes each keeps its own.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { framedPages } from '../platform/public-forms.ts';
import { html, sitePage, type SafeHtml } from '../publishing/index.ts';
import { SlidingWindowLimiter } from './rules/throttle.ts';

/** The session cookie of the public forms: random, HttpOnly, for the browser session only. */
export const FORM_COOKIE = 'gk_form';
/** A session may have this many POSTs of one form taken in (2xx) … */
export const SESSION_POSTS_MAX = 5;
/** … within this sliding window. */
export const SESSION_WINDOW_MS = 10 * 60_000;
/** Sessions remembered at once per limiter (a few numbers each), whatever a flood of cookies sends. */
export const SESSION_KEYS_MAX = 20_000;

/** 16 random bytes, base64url; anything else in the cookie is no session. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{22}$/;

const page = framedPages<SafeHtml>(() => sitePage);

/** Where a limited visitor is sent back to, and what the link says. */
export interface ThrottledForm {
  /** Names the form in the limiter's keys (a session's places are counted per form). */
  form: string;
  /** The site path the page is shown at (the folder of the form). */
  path: string;
  back: { href: string; label: string };
}

/** The page of a throttled POST: why, how long to wait, and the way back. */
export function throttledBody(wait: string, back: ThrottledForm['back']): SafeHtml {
  return html`<h1>提交过于频繁</h1>
    <p class="form-error" role="alert">您提交得过于频繁，${wait}。</p>
    <p>已经成功提交的内容不受影响，无需重复提交。</p>
    <p><a href="${back.href}">${back.label}</a></p>`;
}

type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface FormThrottle {
  /** Gives the visitor a session cookie unless they have one. Only on `no-store` form pages: a cached page must not carry it. */
  giveCookie(req: FastifyRequest, reply: FastifyReply): void;
  /**
   * The route options of a throttled POST: `onRequest` answers a session out of places with 429
   * and the page in the site frame; `onResponse` gives back the place of a POST that took
   * nothing in; `errorHandler` answers the per-IP limit's 429 with the same page (other errors
   * go on to the scope's handler).
   */
  route(target: ThrottledForm): {
    onRequest: Hook;
    onResponse: Hook;
    errorHandler: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  };
}

/** The session's cookie value, or null when there is none (or it is not one of ours). */
function sessionOf(req: FastifyRequest): string | null {
  const v = req.cookies[FORM_COOKIE];
  return typeof v === 'string' && COOKIE_VALUE.test(v) ? v : null;
}

function codeOf(req: FastifyRequest): string {
  const params = req.params as Record<string, unknown> | undefined;
  return typeof params?.code === 'string' ? params.code : '';
}

/** A per-session throttle with its own memory (one per registration of a room's public routes). */
export function formThrottle(deps: Deps): FormThrottle {
  const limiter = new SlidingWindowLimiter({ max: SESSION_POSTS_MAX, windowMs: SESSION_WINDOW_MS, maxKeys: SESSION_KEYS_MAX });
  const taken = new WeakMap<FastifyRequest, { key: string; at: number }>();

  async function refuse(req: FastifyRequest, reply: FastifyReply, target: ThrottledForm, wait: string, retryAfterS: number) {
    const answer = await page(deps, codeOf(req), target.path, '提交过于频繁', 429, throttledBody(wait, target.back));
    return reply
      .status(429)
      .header('retry-after', String(retryAfterS))
      .header('cache-control', 'no-store')
      .type(answer ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8')
      .send(answer ? answer.html : '提交过于频繁，请稍后再试');
  }

  return {
    giveCookie(req, reply) {
      if (sessionOf(req)) return;
      void reply.setCookie(FORM_COOKIE, randomBytes(16).toString('base64url'), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
      });
    },
    route(target) {
      return {
        async onRequest(req, reply) {
          const session = sessionOf(req);
          if (!session) return;
          const key = `${target.form}:${session}`;
          const t = limiter.take(key, deps.clock.now().getTime());
          if (t.ok) {
            taken.set(req, { key, at: t.at });
            return;
          }
          const minutes = Math.ceil(t.retryAfterMs / 60_000);
          return refuse(req, reply, target, `请 ${minutes} 分钟后再试`, Math.ceil(t.retryAfterMs / 1000));
        },
        async onResponse(req, reply) {
          const t = taken.get(req);
          if (!t) return;
          taken.delete(req);
          if (reply.statusCode < 200 || reply.statusCode >= 300) limiter.giveBack(t.key, t.at);
        },
        async errorHandler(error, req, reply) {
          // The per-IP limit (@fastify/rate-limit) throws 429 from its own hook; it set retry-after.
          if (error.statusCode !== 429) throw error;
          const retry = Number(reply.getHeader('retry-after'));
          return refuse(req, reply, target, '请稍后再试', Number.isFinite(retry) && retry > 0 ? retry : 60);
        },
      };
    },
  };
}
