/**
 * HTTP surface of the findings store for the back office: findings (list, one with its
 * history), a site's health and runs, the veto notices of the reader's org, and the
 * availability policy.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FindingQuerySchema, NoticeQuerySchema, RunQuerySchema } from '../../common/schemas/monitoring.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { getFinding, listFindings, listRuns, siteHealth } from './commands/findings.ts';
import { listMyNotices, markNoticeRead } from './commands/notices.ts';
import { getMonitoringSettings, saveMonitoringSettings } from './commands/settings.ts';

const Id = z.strictObject({ id: z.string().min(1).max(40) });

export async function monitoringRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  app.get(
    '/api/monitoring/findings',
    { schema: { tags, summary: '监测发现的问题（可按网站、类型、严重程度、状态、来源、关键词筛选）', querystring: FindingQuerySchema } },
    async (req) => listFindings(deps, authOf(req).actor, req.query),
  );
  app.get('/api/monitoring/findings/:id', { schema: { tags, summary: '问题详情：证据和历史', params: Id } }, async (req) =>
    getFinding(deps, authOf(req).actor, req.params.id),
  );
  app.get(
    '/api/monitoring/sites/:id/health',
    { schema: { tags, summary: '网站健康状况：可用性、未消除的问题、栏目更新倒计时', params: Id } },
    async (req) => siteHealth(deps, authOf(req).actor, req.params.id),
  );
  app.get(
    '/api/monitoring/sites/:id/runs',
    { schema: { tags, summary: '网站的监测记录', params: Id, querystring: RunQuerySchema } },
    async (req) => listRuns(deps, authOf(req).actor, req.params.id, req.query),
  );
  app.get('/api/monitoring/notices', { schema: { tags, summary: '本单位的单项否决通知', querystring: NoticeQuerySchema } }, async (req) =>
    listMyNotices(deps, authOf(req).actor, req.query),
  );
  app.post('/api/monitoring/notices/:id/read', { schema: { tags, summary: '标记通知已读', params: Id } }, async (req) =>
    markNoticeRead(deps, authOf(req).actor, req.params.id),
  );
  app.get('/api/monitoring/settings', { schema: { tags, summary: '可用性监测的超时和预警、否决比例' } }, async (req) =>
    getMonitoringSettings(deps, authOf(req).actor),
  );
  app.put('/api/monitoring/settings', { schema: { tags, summary: '设置可用性监测的超时和预警、否决比例' } }, async (req) =>
    saveMonitoringSettings(deps, authOf(req).actor, req.body),
  );
}
