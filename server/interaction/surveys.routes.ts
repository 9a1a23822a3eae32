/**
 * HTTP surface of 征集调查: the office's API (a site's surveys, drafting, opening, ending early,
 * the result feedback, the opinions masked), and the public pages of every hosted site (plain
 * HTML forms, urlencoded: the caller registers @fastify/formbody for this room's routes). An
 * opinion POST is limited per IP and, for visitors who keep the survey page's cookie, per session
 * (form-throttle.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublishSurveyResultSchema, SaveSurveySchema } from '../../common/schemas/interaction.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { formThrottle, type FormThrottle } from './form-throttle.ts';
import { submitSurveyForm, surveyListPage, surveyPage, type PublicPage } from './commands/public-surveys.ts';
import {
  createSurvey,
  endSurvey,
  getSurvey,
  listSurveyOpinions,
  listSurveys,
  openSurvey,
  publishSurveyResult,
  updateSurvey,
} from './commands/surveys.ts';
import { SURVEY_PATH } from './render/survey-pages.ts';

const Params = z.strictObject({ id: z.string().min(1).max(40) });
const SiteQuery = z.strictObject({ siteId: z.string().min(1).max(40) });
const SiteCode = z.strictObject({ code: z.string().max(40) });
/** Longer ids are answered by the page's own 404, not a validation error. */
const SurveyPageParams = z.strictObject({ code: z.string().max(40), id: z.string().max(200) });
/** Public forms: a person types one opinion, not dozens a minute (per IP; the per-session limit is form-throttle.ts's). */
const PUBLIC_POST_LIMIT = { max: 20, timeWindow: '1 minute' };

function sendPage(reply: FastifyReply, answer: PublicPage | null) {
  if (!answer) return reply.status(404).type('text/plain; charset=utf-8').send('网站不存在');
  // Pages with a form carry a one-time challenge: never cached.
  return reply.status(answer.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(answer.html);
}

/** The survey page (its opinion form): the visitor gets the forms' session cookie with it. */
function sendFormPage(throttle: FormThrottle, req: FastifyRequest, reply: FastifyReply, answer: PublicPage | null) {
  if (answer) throttle.giveCookie(req, reply);
  return sendPage(reply, answer);
}

const formBody = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

export async function surveyRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['interaction'];

  app.get(
    '/api/interaction/surveys',
    { schema: { tags, summary: '网站的征集调查（含草稿，按开始日期倒序）', querystring: SiteQuery } },
    async (req) => listSurveys(deps, authOf(req).actor, req.query.siteId),
  );
  app.post(
    '/api/interaction/surveys',
    { schema: { tags, summary: '新建征集调查（草稿）', querystring: SiteQuery, body: SaveSurveySchema } },
    async (req, reply) => reply.status(201).send(await createSurvey(deps, authOf(req).actor, req.query.siteId, req.body)),
  );
  app.get('/api/interaction/surveys/:id', { schema: { tags, summary: '征集调查详情', params: Params } }, async (req) =>
    getSurvey(deps, authOf(req).actor, req.params.id),
  );
  app.put(
    '/api/interaction/surveys/:id',
    { schema: { tags, summary: '修改征集调查（草稿，或尚未收到意见时）', params: Params, body: SaveSurveySchema } },
    async (req) => updateSurvey(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post('/api/interaction/surveys/:id/open', { schema: { tags, summary: '发布征集调查（向公众公开）', params: Params } }, async (req) =>
    openSurvey(deps, authOf(req).actor, req.params.id),
  );
  app.post(
    '/api/interaction/surveys/:id/end',
    { schema: { tags, summary: '提前结束征集（截止日期改为昨天）', params: Params } },
    async (req) => endSurvey(deps, authOf(req).actor, req.params.id),
  );
  app.post(
    '/api/interaction/surveys/:id/result',
    { schema: { tags, summary: '发布（或更正）征集结果反馈', params: Params, body: PublishSurveyResultSchema } },
    async (req) => publishSurveyResult(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.get(
    '/api/interaction/surveys/:id/opinions',
    {
      schema: {
        tags,
        summary: '征集收到的意见（按提交时间，姓名和电话脱敏）',
        params: Params,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
        }),
      },
    },
    async (req) => listSurveyOpinions(deps, authOf(req).actor, req.params.id, req.query),
  );

  const throttle = formThrottle(deps);
  const open = { access: 'public' as const };
  const limited = { access: 'public' as const, rateLimit: PUBLIC_POST_LIMIT };
  // The limited page is shown in the surveys' folder (the id is not echoed into a path): back to the list.
  const opinions = throttle.route({ form: 'zjdc', path: SURVEY_PATH, back: { href: './', label: '返回征集调查列表' } });
  const listPath = `/sites/:code${SURVEY_PATH}`;
  app.get(listPath, { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await surveyListPage(deps, req.params.code)),
  );
  // Without the slash the list's relative links would miss: send the visitor to the folder.
  app.get(listPath.slice(0, -1), { config: open, schema: { hide: true, params: SiteCode } }, async (_req, reply) =>
    reply.redirect(`${SURVEY_PATH.split('/').at(-2)}/`, 301),
  );
  app.get(`${listPath}:id`, { config: open, schema: { hide: true, params: SurveyPageParams } }, async (req, reply) =>
    sendFormPage(throttle, req, reply, await surveyPage(deps, req.params.code, req.params.id)),
  );
  app.post(`${listPath}:id`, { config: limited, ...opinions, schema: { hide: true, params: SurveyPageParams } }, async (req, reply) =>
    sendPage(reply, await submitSurveyForm(deps, req.params.code, req.params.id, formBody(req.body))),
  );
}
