/**
 * HTTP surface of the disclosure room: the office's API for 依申请公开 requests, and the public
 * request and tracking pages of every hosted site (plain HTML forms, urlencoded; requests to a
 * site's own domain reach them through the static layer or nginx as `/sites/<code>/ysqgk…`).
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordRequestEventSchema, RegisterRequestSchema, SaveAnnualReportSchema } from '../../common/schemas/disclosure.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { MIME, sendDownload } from '../platform/http/download.ts';
import { requestFormPage, submitRequestForm, trackingAction, trackingFormPage, type PublicPage } from './commands/public-requests.ts';
import { annualRequestReport } from './commands/annual-report.ts';
import { annualReportDocxFile, annualReportXlsxFile, getAnnualReport, saveAnnualReport } from './commands/annual-reports.ts';
import { publishAnnualReport } from './commands/publish-annual-report.ts';
import { replyLetterDocx } from './commands/reply-letter.ts';
import { getRequest, listRequests, recordRequestEvent, registerRequest } from './commands/requests.ts';
import { requestHandlingRoutes } from './request-handling.routes.ts';
import { REQUEST_PATH, TRACKING_PATH } from './render/request-pages.ts';

const Params = z.strictObject({ id: z.string().min(1).max(40) });
const SiteCode = z.strictObject({ code: z.string().max(40) });
/** Public forms: a person types one request, not dozens a minute. */
const PUBLIC_POST_LIMIT = { max: 20, timeWindow: '1 minute' };

function sendPage(reply: FastifyReply, answer: PublicPage | null) {
  if (!answer) return reply.status(404).type('text/plain; charset=utf-8').send('网站不存在');
  return reply.status(answer.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(answer.html);
}

const formBody = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

export async function disclosureRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  // Form posts are parsed only in this room's routes (the admin API speaks JSON).
  await base.register(formbody, { bodyLimit: 64 * 1024 });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['disclosure'];

  app.post(
    '/api/disclosure/requests',
    { schema: { tags, summary: '登记政府信息公开申请', body: RegisterRequestSchema } },
    async (req, reply) => reply.status(201).send(await registerRequest(deps, authOf(req).actor, req.body)),
  );
  app.get(
    '/api/disclosure/requests',
    {
      schema: {
        tags,
        summary: '网站的政府信息公开申请（按答复期限排序，个人信息脱敏）',
        querystring: z.strictObject({
          siteId: z.string().min(1).max(40),
          /** 1: archived only; 0: not archived only; absent: all. */
          archived: z.enum(['0', '1']).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (req) =>
      listRequests(deps, authOf(req).actor, {
        ...req.query,
        archived: req.query.archived === undefined ? undefined : req.query.archived === '1',
      }),
  );
  app.get(
    '/api/disclosure/requests/:id',
    {
      schema: {
        tags,
        summary: '政府信息公开申请详情（个人信息默认脱敏；reveal=1 显示完整信息并记入审计）',
        params: Params,
        querystring: z.strictObject({ reveal: z.enum(['0', '1']).optional() }),
      },
    },
    async (req) => getRequest(deps, authOf(req).actor, req.params.id, { reveal: req.query.reveal === '1' }),
  );
  app.get(
    '/api/disclosure/requests/:id/reply-letter.docx',
    { schema: { tags, summary: '政府信息公开申请答复书（DOCX）', params: Params } },
    async (req, reply) =>
      sendDownload(reply, MIME.docx, '政府信息公开申请答复书.docx', await replyLetterDocx(deps, authOf(req).actor, req.params.id)),
  );
  app.post(
    '/api/disclosure/requests/:id/events',
    {
      schema: {
        tags,
        summary: '记录办理环节（补正、征求意见、收费、延期、延迟答复、答复）',
        params: Params,
        body: RecordRequestEventSchema,
      },
    },
    async (req) => recordRequestEvent(deps, authOf(req).actor, req.params.id, req.body),
  );
  requestHandlingRoutes(base, deps);

  app.get(
    '/api/disclosure/reports/:orgId/:year',
    {
      schema: {
        tags,
        summary: '政府信息公开工作年度报告：收到和处理政府信息公开申请情况（含勾稽关系校验）',
        params: z.strictObject({ orgId: z.string().min(1).max(40), year: z.coerce.number().int() }),
        querystring: z.strictObject({ subordinates: z.enum(['0', '1']).optional() }),
      },
    },
    async (req) =>
      annualRequestReport(deps, authOf(req).actor, {
        orgId: req.params.orgId,
        year: req.params.year,
        includeSubordinates: req.query.subordinates === '1',
      }),
  );

  const ReportParams = z.strictObject({
    orgId: z.string().min(1).max(40),
    year: z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2008, '年份不能早于 2008 年').max(2100, '年份不正确'),
  });
  const reportPath = '/api/disclosure/annual-reports/:orgId/:year';
  const sendFile = (reply: FastifyReply, mime: string, file: { name: string; bytes: Buffer }) =>
    sendDownload(reply, mime, file.name, file.bytes);
  app.get(
    reportPath,
    { schema: { tags, summary: '政府信息公开工作年度报告（各部分、勾稽关系校验结果）', params: ReportParams } },
    async (req) => getAnnualReport(deps, authOf(req).actor, req.params),
  );
  app.put(
    reportPath,
    {
      schema: {
        tags,
        summary: '保存年度报告中人工填写的部分（乐观锁：expectedVersion）',
        params: ReportParams,
        body: SaveAnnualReportSchema,
      },
    },
    async (req) => saveAnnualReport(deps, authOf(req).actor, req.params, req.body),
  );
  app.get(`${reportPath}/report.docx`, { schema: { tags, summary: '年度报告（DOCX）', params: ReportParams } }, async (req, reply) =>
    sendFile(reply, MIME.docx, await annualReportDocxFile(deps, authOf(req).actor, req.params)),
  );
  app.get(`${reportPath}/report.xlsx`, { schema: { tags, summary: '年度报告表格（XLSX）', params: ReportParams } }, async (req, reply) =>
    sendFile(reply, MIME.xlsx, await annualReportXlsxFile(deps, authOf(req).actor, req.params)),
  );
  app.post(
    `${reportPath}/publication`,
    { schema: { tags, summary: '将年度报告提交到公开目录年报栏目（进入三审）', params: ReportParams } },
    async (req, reply) => reply.status(201).send(await publishAnnualReport(deps, authOf(req).actor, req.params)),
  );

  const open = { access: 'public' as const };
  const limited = { access: 'public' as const, rateLimit: PUBLIC_POST_LIMIT };
  app.get(`/sites/:code${REQUEST_PATH}`, { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await requestFormPage(deps, req.params.code)),
  );
  app.post(`/sites/:code${REQUEST_PATH}`, { config: limited, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await submitRequestForm(deps, req.params.code, formBody(req.body))),
  );
  app.get(`/sites/:code${TRACKING_PATH}`, { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await trackingFormPage(deps, req.params.code)),
  );
  app.post(`/sites/:code${TRACKING_PATH}`, { config: limited, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await trackingAction(deps, req.params.code, formBody(req.body))),
  );
}
