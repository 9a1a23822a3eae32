/**
 * HTTP surface of the guides room for the back office: a site's service items (list, one item,
 * create, change, publish, withdraw, delete a draft, mark reviewed), the files their materials
 * offer, the import template, import and export, the review to-do list, the policy, the
 * supervision view and the annual-report figures. The public pages are static (publishing).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storeFile } from '../content/index.ts';
import type { Deps } from '../platform/deps.ts';
import { Errors } from '../platform/errors.ts';
import { authOf } from '../platform/http/auth.ts';
import { attachmentDisposition, MIME, sendDownload } from '../platform/http/download.ts';
import { exportServiceItems, importServiceItems, IMPORT_MAX_BYTES, serviceItemTemplate } from './commands/import-export.ts';
import {
  createServiceItem,
  deleteServiceItem,
  getServiceItem,
  listServiceItems,
  markServiceItemReviewed,
  publishServiceItems,
  reviewDueItems,
  updateServiceItem,
  withdrawServiceItem,
} from './commands/items.ts';
import { checkServiceLinks } from './commands/link-checks.ts';
import { guidesOversight, serviceStatistics } from './commands/oversight.ts';
import { getGuideSettings, saveGuideSettings } from './commands/settings.ts';

const Id = z.strictObject({ id: z.string().min(1).max(40) });
const SiteQuery = z.strictObject({ siteId: z.string().min(1).max(40) });
/** Forms and samples are office documents and scans: the attachment limit of articles. */
const FILE_MAX_BYTES = 20 * 1024 * 1024;

export async function guidesRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['guides'];
  await app.register(multipart, { limits: { fileSize: Math.max(FILE_MAX_BYTES, IMPORT_MAX_BYTES), files: 1, fields: 5, parts: 6 } });

  app.get('/api/guides/settings', { schema: { tags, summary: '办事指南必备要素和复核周期' } }, async (req) => {
    authOf(req);
    return getGuideSettings(deps);
  });
  app.put('/api/guides/settings', { schema: { tags, summary: '设置办事指南必备要素和复核周期' } }, async (req) =>
    saveGuideSettings(deps, authOf(req).actor, req.body),
  );

  app.get(
    '/api/guides/items',
    {
      schema: {
        tags,
        summary: '网站的办事事项（可按状态、要素缺失、部门、名称筛选）',
        querystring: z.looseObject({ siteId: z.string().min(1).max(40) }),
      },
    },
    async (req) => {
      const { siteId, ...query } = req.query as Record<string, unknown> & { siteId: string };
      return listServiceItems(deps, authOf(req).actor, siteId, query);
    },
  );
  app.post('/api/guides/items', { schema: { tags, summary: '新建办事事项（草稿）', querystring: SiteQuery } }, async (req, reply) =>
    reply.status(201).send(await createServiceItem(deps, authOf(req).actor, req.query.siteId, req.body)),
  );
  app.get('/api/guides/items/:id', { schema: { tags, summary: '办事事项详情', params: Id } }, async (req) =>
    getServiceItem(deps, authOf(req).actor, req.params.id),
  );
  app.put('/api/guides/items/:id', { schema: { tags, summary: '修改办事指南', params: Id } }, async (req) =>
    updateServiceItem(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.delete('/api/guides/items/:id', { schema: { tags, summary: '删除从未发布的事项', params: Id } }, async (req, reply) => {
    await deleteServiceItem(deps, authOf(req).actor, req.params.id);
    return reply.status(204).send();
  });
  app.post('/api/guides/items/:id/withdraw', { schema: { tags, summary: '下线事项', params: Id } }, async (req) =>
    withdrawServiceItem(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post('/api/guides/items/:id/reviewed', { schema: { tags, summary: '标记已复核', params: Id } }, async (req) =>
    markServiceItemReviewed(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post('/api/guides/publish', { schema: { tags, summary: '发布事项（逐项检查必备要素）', querystring: SiteQuery } }, async (req) =>
    publishServiceItems(deps, authOf(req).actor, req.query.siteId, req.body),
  );
  app.get('/api/guides/review-due', { schema: { tags, summary: '超过复核周期的事项', querystring: SiteQuery } }, async (req) => ({
    items: await reviewDueItems(deps, authOf(req).actor, req.query.siteId),
  }));
  app.post(
    '/api/guides/link-check',
    { schema: { tags, summary: '立即检查本网站事项的在线办理链接和表格下载', querystring: SiteQuery } },
    async (req) => checkServiceLinks(deps, authOf(req).actor, { siteId: req.query.siteId }),
  );
  app.get('/api/guides/oversight', { schema: { tags, summary: '各网站办事服务情况（监管）' } }, async (req) => ({
    sites: await guidesOversight(deps, authOf(req).actor),
  }));
  app.get('/api/guides/statistics', { schema: { tags, summary: '办事服务统计（网站年度报表）', querystring: SiteQuery } }, async (req) =>
    serviceStatistics(deps, authOf(req).actor, req.query.siteId),
  );

  app.post(
    '/api/guides/files',
    { schema: { tags, summary: '上传空白表格或示范文本（multipart，字段 file）', querystring: SiteQuery } },
    async (req, reply) => {
      const part = await req.file();
      if (!part) throw Errors.validation('请选择要上传的文件', [{ field: 'file', message: '请选择要上传的文件' }]);
      const bytes = await part.toBuffer().catch(() => {
        throw Errors.validation(`文件不能超过 ${FILE_MAX_BYTES / 1024 / 1024} MB`, [{ field: 'file', message: '文件过大' }]);
      });
      if (bytes.length > FILE_MAX_BYTES)
        throw Errors.validation(`文件不能超过 ${FILE_MAX_BYTES / 1024 / 1024} MB`, [{ field: 'file', message: '文件过大' }]);
      return reply
        .status(201)
        .send(await storeFile(deps, authOf(req).actor, { siteId: req.query.siteId, filename: part.filename, bytes }, 'guides.edit'));
    },
  );

  app.get('/api/guides/template.xlsx', { schema: { tags, summary: '下载办事事项导入模板' } }, async (req, reply) => {
    authOf(req);
    return reply
      .header('content-type', MIME.xlsx)
      .header('content-disposition', attachmentDisposition('办事事项导入模板.xlsx'))
      .send(await serviceItemTemplate());
  });
  app.post(
    '/api/guides/import',
    {
      schema: {
        tags,
        summary: '导入办事事项（multipart：字段 file 为 XLSX 或 CSV，字段 orgId 为未填写部门的行所属部门）',
        querystring: SiteQuery,
      },
    },
    async (req) => {
      let orgId: string | null = null;
      let file: { filename: string; bytes: Buffer } | null = null;
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer().catch(() => {
            throw Errors.validation(`导入文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, [{ field: 'file', message: '文件过大' }]);
          });
          file = { filename: part.filename, bytes };
        } else if (part.fieldname === 'orgId' && typeof part.value === 'string') orgId = part.value;
      }
      if (!file) throw Errors.validation('请选择要导入的文件', [{ field: 'file', message: '请选择要导入的文件' }]);
      return importServiceItems(deps, authOf(req).actor, req.query.siteId, { ...file, orgId });
    },
  );
  app.get(
    '/api/guides/export.xlsx',
    { schema: { tags, summary: '导出本网站的全部办事事项', querystring: SiteQuery } },
    async (req, reply) => {
      const { name, bytes } = await exportServiceItems(deps, authOf(req).actor, req.query.siteId);
      return sendDownload(reply, MIME.xlsx, name, bytes);
    },
  );
}
