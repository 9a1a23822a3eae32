/** HTTP surface of the migration room: legacy imports, their column mapping, start and cancel, the per-page report and its XLSX. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { MIME, sendDownload } from '../platform/http/download.ts';
import {
  cancelImport,
  confirmMapping,
  createImport,
  getImport,
  importPages,
  importReportXlsx,
  listImports,
  startImport,
} from './commands/imports.ts';

const Id = z.strictObject({ id: z.string().min(1).max(40) });

export async function migrationRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['migration'];

  app.post('/api/migration/imports', { schema: { tags, summary: '新建网站迁移导入：抓取原网站并识别栏目和文章' } }, async (req, reply) =>
    reply.code(201).send(await createImport(deps, authOf(req).actor, req.body)),
  );
  app.get('/api/migration/imports', { schema: { tags, summary: '迁移导入任务列表' } }, async (req) => listImports(deps, authOf(req).actor));
  app.get(
    '/api/migration/imports/:id',
    { schema: { tags, summary: '迁移导入任务：状态、进度、数量、原网站栏目及建议的目标栏目', params: Id } },
    async (req) => getImport(deps, authOf(req).actor, req.params.id),
  );
  app.put(
    '/api/migration/imports/:id/mapping',
    { schema: { tags, summary: '确认栏目对应（原栏目 → 目标栏目，或不导入）', params: Id } },
    async (req) => confirmMapping(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post('/api/migration/imports/:id/start', { schema: { tags, summary: '按确认的栏目对应开始导入', params: Id } }, async (req) =>
    startImport(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/migration/imports/:id/cancel',
    { schema: { tags, summary: '取消迁移导入（已导入的文章保留）', params: Id } },
    async (req) => cancelImport(deps, authOf(req).actor, req.params.id),
  );
  app.get(
    '/api/migration/imports/:id/pages',
    { schema: { tags, summary: '逐页结果：页面类型、原栏目、处理结果和原因（可按结果筛选）', params: Id } },
    async (req) => importPages(deps, authOf(req).actor, req.params.id, req.query),
  );
  app.get(
    '/api/migration/imports/:id/report.xlsx',
    { schema: { tags, summary: '导出迁移导入报告（XLSX）', params: Id } },
    async (req, reply) => {
      const { xlsx } = await importReportXlsx(deps, authOf(req).actor, req.params.id);
      return sendDownload(reply, MIME.xlsx, '网站迁移导入报告.xlsx', xlsx);
    },
  );
}
