/**
 * The public 政民互动 letter pages of every hosted site, under `/sites/<code>/hdjl/…` (a site's
 * own domain reaches them through the static layer or nginx, which pass the whole `/hdjl/`
 * folder on). Plain HTML forms: urlencoded, and multipart for the letter form's attachments.
 * Both parsers are registered here, in this plugin's own scope, unless an enclosing scope
 * already has them (Fastify keeps a parser inside the plugin that registered it). The POSTs are
 * limited per IP and, for visitors who keep the form pages' cookie, per session (form-throttle.ts).
 */
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { formThrottle, type FormThrottle } from './form-throttle.ts';
import {
  answeredLetterPage,
  answeredLettersPage,
  interactionHomePage,
  letterFormPage,
  letterStatisticsPage,
  letterTrackingAction,
  letterTrackingPage,
  submitLetterForm,
  type PostedLetterForm,
  type PublicPage,
} from './commands/public-letters.ts';
import {
  INTERACTION_PATH,
  LETTER_FILE_MAX_BYTES,
  LETTER_FILES_MAX,
  LETTER_LIST_PATH,
  LETTER_STATISTICS_PATH,
  LETTER_TRACKING_PATH,
  LETTER_WRITE_PATH,
} from './render/letter-pages.ts';

const SiteCode = z.strictObject({ code: z.string().max(40) });
/** Longer ids are answered by the page's own 404, not a validation error. */
const LetterParams = z.strictObject({ code: z.string().max(40), id: z.string().max(200) });
/** Query strings are read by the pages themselves (anything unusable is ignored or a 404 page). */
const ChannelQuery = z.object({ channel: z.unknown().optional() });
const PageQuery = z.object({ page: z.unknown().optional() });
/** Public forms: a person writes one letter, not dozens a minute (per IP; the per-session limit is form-throttle.ts's). */
const PUBLIC_POST_LIMIT = { max: 20, timeWindow: '1 minute' };
/**
 * A 5000-character letter is at most ~45 KB urlencoded; a 100 KB field still gets a page that
 * says why. Set on the routes too: a route's limit wins over an enclosing scope's parser limit.
 */
const FORM_BODY_LIMIT = 256 * 1024;
/**
 * Multipart: a few more files than allowed are read (and dropped) so the visitor is told the
 * number; beyond these limits the body is not read further.
 */
const MULTIPART_LIMITS = {
  fileSize: LETTER_FILE_MAX_BYTES,
  files: LETTER_FILES_MAX + 7,
  fields: 40,
  parts: 60,
  fieldSize: FORM_BODY_LIMIT,
  fieldNameSize: 100,
};
/** Per read: a file past the size limit is cut and marked, not an error that ends the body (the plugin reads this option per call; its types list only busboy's). */
const PARTS_OPTIONS = { limits: MULTIPART_LIMITS, throwFileSizeLimit: false };
/** The answered letters and the figures change a few times a day: a short shared cache. */
const LIST_CACHE = 'public, max-age=60';

function sendPage(reply: FastifyReply, answer: PublicPage | null, cache = 'no-store') {
  if (!answer) return reply.status(404).type('text/plain; charset=utf-8').send('网站不存在');
  // Pages with a form carry a one-time challenge or a query code: never cached; neither are errors.
  const cacheControl = answer.status === 200 ? cache : 'no-store';
  return reply.status(answer.status).header('cache-control', cacheControl).type('text/html; charset=utf-8').send(answer.html);
}

/** A form page (always `no-store`): the visitor gets the forms' session cookie with it. */
function sendFormPage(throttle: FormThrottle, req: FastifyRequest, reply: FastifyReply, answer: PublicPage | null) {
  if (answer) throttle.giveCookie(req, reply);
  return sendPage(reply, answer);
}

function addField(fields: Record<string, unknown>, name: string, value: unknown): void {
  const earlier = fields[name];
  if (earlier === undefined) fields[name] = value;
  else fields[name] = Array.isArray(earlier) ? [...(earlier as unknown[]), value] : [earlier, value];
}

/** Reads a file part to the end without keeping it. */
async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/**
 * The posted letter form, urlencoded or multipart. Of a multipart body: the fields, the files of
 * `attachments` up to the allowed number (larger ones cut at the size limit and marked), how
 * many were sent, and whether the body broke off (limits, malformed parts).
 */
async function readForm(req: FastifyRequest): Promise<PostedLetterForm> {
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const posted: PostedLetterForm = { fields, files: [], fileCount: 0, malformed: false };
  if (!req.isMultipart()) {
    if (req.body && typeof req.body === 'object') Object.assign(fields, req.body);
    return posted;
  }
  try {
    for await (const part of req.parts(PARTS_OPTIONS)) {
      if (part.type === 'field') {
        addField(fields, part.fieldname, part.value);
        continue;
      }
      // An empty file input is sent as a part without a name.
      const counted = part.fieldname === 'attachments' && part.filename !== '';
      if (counted) posted.fileCount++;
      if (!counted || posted.fileCount > LETTER_FILES_MAX) {
        await drain(part.file);
        continue;
      }
      const bytes = await part.toBuffer();
      posted.files.push({ filename: part.filename, bytes, truncated: part.file.truncated });
    }
  } catch {
    posted.malformed = true;
  }
  return posted;
}

/** GET and POST routes of the letter pages (without their parsers). */
function letterRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = formThrottle(deps);
  const open = { access: 'public' as const };
  const limited = { access: 'public' as const, rateLimit: PUBLIC_POST_LIMIT };
  const at = (path: string) => `/sites/:code${path}`;
  const writing = throttle.route({ form: 'xx', path: LETTER_WRITE_PATH, back: { href: './', label: '返回我要写信' } });
  const tracking = throttle.route({ form: 'cx', path: LETTER_TRACKING_PATH, back: { href: './', label: '返回信件查询' } });

  r.get(at(INTERACTION_PATH), { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await interactionHomePage(deps, req.params.code), LIST_CACHE),
  );
  r.get(at(LETTER_WRITE_PATH), { config: open, schema: { hide: true, params: SiteCode, querystring: ChannelQuery } }, async (req, reply) =>
    sendFormPage(throttle, req, reply, await letterFormPage(deps, req.params.code, req.query.channel)),
  );
  r.post(
    at(LETTER_WRITE_PATH),
    { config: limited, ...writing, bodyLimit: FORM_BODY_LIMIT, schema: { hide: true, params: SiteCode } },
    async (req, reply) => sendPage(reply, await submitLetterForm(deps, req.params.code, await readForm(req))),
  );
  r.get(at(LETTER_TRACKING_PATH), { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendFormPage(throttle, req, reply, await letterTrackingPage(deps, req.params.code)),
  );
  r.post(
    at(LETTER_TRACKING_PATH),
    { config: limited, ...tracking, bodyLimit: FORM_BODY_LIMIT, schema: { hide: true, params: SiteCode } },
    async (req, reply) => sendPage(reply, await letterTrackingAction(deps, req.params.code, (await readForm(req)).fields)),
  );
  r.get(at(LETTER_LIST_PATH), { config: open, schema: { hide: true, params: SiteCode, querystring: PageQuery } }, async (req, reply) =>
    sendPage(reply, await answeredLettersPage(deps, req.params.code, req.query.page), LIST_CACHE),
  );
  r.get(`${at(LETTER_LIST_PATH)}:id`, { config: open, schema: { hide: true, params: LetterParams } }, async (req, reply) =>
    sendPage(reply, await answeredLetterPage(deps, req.params.code, req.params.id), LIST_CACHE),
  );
  r.get(at(LETTER_STATISTICS_PATH), { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await letterStatisticsPage(deps, req.params.code), LIST_CACHE),
  );
  // Without the slash the pages' relative links would miss: send the visitor to the folder.
  for (const folder of [INTERACTION_PATH, LETTER_WRITE_PATH, LETTER_TRACKING_PATH, LETTER_LIST_PATH, LETTER_STATISTICS_PATH]) {
    const last = folder.split('/').at(-2) ?? '';
    r.get(at(folder.slice(0, -1)), { config: open, schema: { hide: true, params: SiteCode } }, async (_req, reply) =>
      reply.redirect(`${last}/`, 301),
    );
  }
}

/** Registers the public letter pages, with the urlencoded and multipart parsers they need. */
export async function publicLetterRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  await base.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart, PARTS_OPTIONS);
    letterRoutes(scope, deps);
  });
}
