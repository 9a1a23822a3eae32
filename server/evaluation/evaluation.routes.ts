/** HTTP surface of the evaluation room: the indicator systems, spot-check batches, their ranked results and manual results. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { MIME, sendDownload } from '../platform/http/download.ts';
import { createBatch, getBatch, listBatches, recordManualResult } from './commands/batches.ts';
import { annualResults, annualResultsXlsx } from './commands/annual.ts';
import { supervisionDashboard } from './commands/dashboard.ts';
import { interviewCandidates, listInterviews, recordInterview } from './commands/interviews.ts';
import { spotCheckNotice } from './commands/notice.ts';
import { decideDismissal, getTask, issueTasks, listTasks, reportFix, requestDismissal, verifyTask } from './commands/rectification.ts';
import { getSystem, listSystems, saveLocalSystem } from './commands/systems.ts';
import {
  saveWebsiteReport,
  submitWebsiteReport,
  websiteReport,
  websiteReportReminder,
  websiteReportStatuses,
  websiteReportXlsx,
} from './commands/website-report.ts';

const Id = z.strictObject({ id: z.string().min(1).max(40) });
const SiteQuery = z.strictObject({ siteId: z.string().min(1).max(40).optional() });
const SystemKey = z.strictObject({ key: z.string().min(1).max(40) });
const SystemVersionQuery = z.strictObject({ version: z.coerce.number().int().positive().max(1_000_000).optional() });
const Year = z.strictObject({ year: z.string().regex(/^\d{4}$/, '年份应为四位数字') });
const ReportKey = z.strictObject({ year: z.string().regex(/^\d{4}$/, '年份应为四位数字'), siteId: z.string().min(1).max(40) });
const ReminderQuery = z.strictObject({ siteId: z.string().min(1).max(40) });
const SiteOfBatch = z.strictObject({ id: z.string().min(1).max(40), siteId: z.string().min(1).max(40) });

export async function evaluationRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluation'];

  app.get(
    '/api/evaluation/dashboard',
    { schema: { tags, summary: '监管驾驶舱：合格率和得分走势、各区县情况、问题和逾期事项' } },
    async (req) => supervisionDashboard(deps, authOf(req).actor),
  );
  app.get('/api/evaluation/systems', { schema: { tags, summary: '指标体系：内置的和本地维护的（最新版本）' } }, async (req) =>
    listSystems(deps, authOf(req).actor),
  );
  app.post(
    '/api/evaluation/systems',
    { schema: { tags, summary: '保存本地指标体系：新建，或在某一版本上修改后存为新版本' } },
    async (req, reply) => {
      const detail = await saveLocalSystem(deps, authOf(req).actor, req.body);
      return reply.code(201).send(detail);
    },
  );
  app.get(
    '/api/evaluation/systems/:key',
    { schema: { tags, summary: '指标体系全文（含每项指标的原文）及其版本', params: SystemKey, querystring: SystemVersionQuery } },
    async (req) => getSystem(deps, authOf(req).actor, req.params.key, req.query.version),
  );
  app.get(
    '/api/evaluation/website-reports/:year',
    { schema: { tags, summary: '政府网站工作年度报表：各托管网站的填报和发布情况（监管）', params: Year } },
    async (req) => websiteReportStatuses(deps, authOf(req).actor, req.params.year),
  );
  app.get(
    '/api/evaluation/website-reports/:year/sites/:siteId',
    { schema: { tags, summary: '网站的政府网站工作年度报表：平台统计和人工填报的各项数据', params: ReportKey } },
    async (req) => websiteReport(deps, authOf(req).actor, req.params.siteId, req.params.year),
  );
  app.put(
    '/api/evaluation/website-reports/:year/sites/:siteId',
    { schema: { tags, summary: '保存年度报表中需人工填报的各项', params: ReportKey } },
    async (req) => saveWebsiteReport(deps, authOf(req).actor, req.params.siteId, req.params.year, req.body),
  );
  app.get(
    '/api/evaluation/website-reports/:year/sites/:siteId/report.xlsx',
    { schema: { tags, summary: '导出年度报表（XLSX，标明人工填报项）', params: ReportKey } },
    async (req, reply) => {
      const { report, xlsx } = await websiteReportXlsx(deps, authOf(req).actor, req.params.siteId, req.params.year);
      return sendDownload(reply, MIME.xlsx, `${report.siteName}政府网站工作年度报表（${report.year}年度）.xlsx`, xlsx);
    },
  );
  app.post(
    '/api/evaluation/website-reports/:year/sites/:siteId/submit',
    { schema: { tags, summary: '提交发布年度报表：在本网站“年度报表”栏目生成信息，进入三审', params: ReportKey } },
    async (req) => submitWebsiteReport(deps, authOf(req).actor, req.params.siteId, req.params.year),
  );
  app.get(
    '/api/evaluation/website-report-reminder',
    { schema: { tags, summary: '本网站年度报表的发布提醒（1月）', querystring: ReminderQuery } },
    async (req) => ({ reminder: await websiteReportReminder(deps, authOf(req).actor, req.query.siteId) }),
  );
  app.get('/api/evaluation/spot-checks', { schema: { tags, summary: '抽查批次' } }, async (req) => listBatches(deps, authOf(req).actor));
  app.post(
    '/api/evaluation/spot-checks',
    { schema: { tags, summary: '新建抽查：全部网站或随机抽样，按指标体系评分' } },
    async (req, reply) => {
      const batch = await createBatch(deps, authOf(req).actor, req.body);
      return reply.code(201).send(batch);
    },
  );
  app.get(
    '/api/evaluation/spot-checks/:id',
    { schema: { tags, summary: '抽查结果：排名、扣分和上期对比，按区县和问题类型的统计，互动交流排名', params: Id } },
    async (req) => getBatch(deps, authOf(req).actor, req.params.id, req.query),
  );
  app.post(
    '/api/evaluation/spot-checks/:id/notice.docx',
    { schema: { tags, summary: '起草抽查通报（公文格式 DOCX，供修改后印发）', params: Id } },
    async (req, reply) => {
      const { docx } = await spotCheckNotice(deps, authOf(req).actor, req.params.id, req.body);
      return sendDownload(reply, MIME.docx, '抽查情况通报（草稿）.docx', docx);
    },
  );
  app.post(
    '/api/evaluation/spot-checks/:id/sites/:siteId/manual',
    { schema: { tags, summary: '记录人工核查结果（含抽查样本），并重新评分', params: SiteOfBatch } },
    async (req) => recordManualResult(deps, authOf(req).actor, req.params.id, req.params.siteId, req.body),
  );

  app.post(
    '/api/evaluation/spot-checks/:id/rectification',
    { schema: { tags, summary: '下发整改：每个网站失分的每项指标成为一项整改任务', params: Id } },
    async (req, reply) => reply.code(201).send(await issueTasks(deps, authOf(req).actor, req.params.id, req.body ?? {})),
  );
  app.get(
    '/api/evaluation/spot-checks/:id/interviews/candidates',
    { schema: { tags, summary: '应约谈问责的网站（连续两期不合格或整改逾期）', params: Id } },
    async (req) => interviewCandidates(deps, authOf(req).actor, req.params.id),
  );

  app.get('/api/evaluation/rectification', { schema: { tags, summary: '整改任务（督查人员看全部，网站人员看本网站）' } }, async (req) =>
    listTasks(deps, authOf(req).actor, req.query),
  );
  app.get('/api/evaluation/rectification/:id', { schema: { tags, summary: '整改任务及其办理记录', params: Id } }, async (req) =>
    getTask(deps, authOf(req).actor, req.params.id),
  );
  app.post(
    '/api/evaluation/rectification/:id/report',
    { schema: { tags, summary: '报送整改情况（自动复查随即开始）', params: Id } },
    async (req) => reportFix(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/evaluation/rectification/:id/verify',
    { schema: { tags, summary: '人工复查（人工评分的指标）', params: Id } },
    async (req) => verifyTask(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/evaluation/rectification/:id/dismissal',
    { schema: { tags, summary: '申请核销（须写明理由）', params: Id } },
    async (req) => requestDismissal(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/evaluation/rectification/:id/dismissal/decision',
    { schema: { tags, summary: '审批核销申请（申请人不能审批）', params: Id } },
    async (req) => decideDismissal(deps, authOf(req).actor, req.params.id, req.body),
  );

  app.get('/api/evaluation/interviews', { schema: { tags, summary: '约谈问责记录', querystring: SiteQuery } }, async (req) =>
    listInterviews(deps, authOf(req).actor, req.query.siteId),
  );
  app.post('/api/evaluation/interviews', { schema: { tags, summary: '记录约谈问责' } }, async (req, reply) =>
    reply.code(201).send(await recordInterview(deps, authOf(req).actor, req.body)),
  );

  app.get(
    '/api/evaluation/annual-results/:year',
    { schema: { tags, summary: '年度结果：各期抽查得分按权重汇总（权重如 Q1:25,Q2:25,Q3:25,Q4:25）' } },
    async (req) => annualResults(deps, authOf(req).actor, req.params, req.query),
  );
  app.get(
    '/api/evaluation/annual-results/:year/results.xlsx',
    { schema: { tags, summary: '导出年度结果（XLSX，供年度目标考核使用）' } },
    async (req, reply) => {
      const { year, xlsx } = await annualResultsXlsx(deps, authOf(req).actor, req.params, req.query);
      return sendDownload(reply, MIME.xlsx, `${year}年度政府网站检查结果.xlsx`, xlsx);
    },
  );
}
