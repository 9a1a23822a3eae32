/** HTTP surface of the content room. One article per request: there is no batch review endpoint. */
import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ArticleListQuerySchema,
  BODY_MAX,
  CheckDraftSchema,
  CreateArticleSchema,
  DICTIONARY_KINDS,
  DictionaryEntrySchema,
  PublishSchema,
  ReasonSchema,
  ReviewDecisionSchema,
  UpdateArticleSchema,
} from '../../common/schemas/content.ts';
import type { Deps } from '../platform/deps.ts';
import { Errors } from '../platform/errors.ts';
import { authOf } from '../platform/http/auth.ts';
import { MIME, sendDownload } from '../platform/http/download.ts';
import { fileForDownload, storeFile } from './commands/files.ts';
import { importDocument } from './commands/import-document.ts';
import { parseInput } from '../platform/validation.ts';
import { ATTACHMENT_MAX_BYTES } from './rules/file-types.ts';
import { createArticle, updateArticle } from './commands/articles.ts';
import { compareRevisions, deadlineBoard, getArticle, listArticles, listRevisions, reviewQueue } from './commands/queries.ts';
import {
  approveArticle,
  emergencyPublishArticle,
  publishArticle,
  rejectArticle,
  retractArticle,
  submitArticle,
  withdrawArticle,
} from './commands/review.ts';
import { reviewSheet, reviewSheetDocx } from './commands/review-sheet.ts';
import { reviewSheetHtml } from './rules/review-sheet.ts';
import { getSiteStages, setSiteStages } from './commands/workflow-config.ts';
import { addDictionaryEntry, listDictionary, removeDictionaryEntry } from './commands/dictionaries.ts';
import { checkDraft } from './commands/checks.ts';

const Id = z.string().min(1).max(40);
const ArticleParams = z.strictObject({ id: Id });
// Rich text bodies may be large; everything else keeps the 1 MiB default.
const bodyLimit = BODY_MAX * 3 + 100_000;

export async function contentRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });

  app.post(
    '/api/sites/:siteId/files',
    { schema: { tags, summary: '上传附件或图片（multipart，字段 file）', params: z.strictObject({ siteId: Id }) } },
    async (req, reply) => {
      const part = await req.file();
      if (!part) throw Errors.validation('请选择要上传的文件', [{ field: 'file', message: '请选择要上传的文件' }]);
      const bytes = await part.toBuffer().catch(() => {
        throw Errors.validation(`文件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`, [{ field: 'file', message: '文件过大' }]);
      });
      return reply
        .status(201)
        .send(await storeFile(deps, authOf(req).actor, { siteId: req.params.siteId, filename: part.filename, bytes }));
    },
  );
  app.post('/api/documents/parse', { schema: { tags, summary: '导入公文（粘贴文本 {text} 或上传 DOCX/文本文件）' } }, async (req) => {
    const actor = authOf(req).actor;
    if (req.isMultipart()) {
      const part = await req.file();
      if (!part) throw Errors.validation('请选择要上传的文件', [{ field: 'file', message: '请选择要上传的文件' }]);
      return importDocument(actor, { bytes: await part.toBuffer(), filename: part.filename });
    }
    const body = parseInput(z.strictObject({ text: z.string().max(500_000, '文本过长') }), req.body);
    return importDocument(actor, body);
  });
  app.get('/api/files/:id', { schema: { tags, summary: '下载附件', params: z.strictObject({ id: Id }) } }, async (req, reply) => {
    const f = await fileForDownload(deps, req.params.id);
    if (!f) throw Errors.notFound('文件不存在');
    return reply.header('content-type', f.mime).header('x-content-type-options', 'nosniff').send(createReadStream(f.path));
  });

  app.get('/api/articles', { schema: { tags, summary: '稿件列表', querystring: ArticleListQuerySchema } }, async (req) => ({
    items: await listArticles(deps, authOf(req).actor, req.query),
  }));
  app.post('/api/articles', { bodyLimit, schema: { tags, summary: '新建稿件', body: CreateArticleSchema } }, async (req, reply) =>
    reply.status(201).send(await createArticle(deps, authOf(req).actor, req.body)),
  );
  app.get('/api/articles/:id', { schema: { tags, summary: '稿件详情', params: ArticleParams } }, async (req) =>
    getArticle(deps, authOf(req).actor, req.params.id),
  );
  app.put(
    '/api/articles/:id',
    { bodyLimit, schema: { tags, summary: '修改稿件（生成新版本）', params: ArticleParams, body: UpdateArticleSchema } },
    async (req) => updateArticle(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.get('/api/articles/:id/revisions', { schema: { tags, summary: '版本列表', params: ArticleParams } }, async (req) => ({
    items: await listRevisions(deps, authOf(req).actor, req.params.id),
  }));
  app.get(
    '/api/articles/:id/compare',
    { schema: { tags, summary: '版本比较', params: ArticleParams, querystring: z.strictObject({ from: Id, to: Id }) } },
    async (req) => compareRevisions(deps, authOf(req).actor, req.params.id, req.query.from, req.query.to),
  );

  app.post('/api/articles/:id/submit', { schema: { tags, summary: '提交审核', params: ArticleParams } }, async (req) =>
    submitArticle(deps, authOf(req).actor, req.params.id),
  );
  app.post(
    '/api/articles/:id/approve',
    { schema: { tags, summary: '审核通过（当前环节）', params: ArticleParams, body: ReviewDecisionSchema } },
    async (req) => approveArticle(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/articles/:id/reject',
    { schema: { tags, summary: '退回', params: ArticleParams, body: ReviewDecisionSchema.omit({ publish: true }) } },
    async (req) => rejectArticle(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post('/api/articles/:id/withdraw', { schema: { tags, summary: '撤回', params: ArticleParams } }, async (req) =>
    withdrawArticle(deps, authOf(req).actor, req.params.id),
  );
  app.post(
    '/api/articles/:id/publish',
    { schema: { tags, summary: '发布或定时发布', params: ArticleParams, body: PublishSchema } },
    async (req) => publishArticle(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/articles/:id/emergency-publish',
    { schema: { tags, summary: '紧急发布（须书面说明理由，事后补审）', params: ArticleParams, body: ReasonSchema } },
    async (req) => emergencyPublishArticle(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post('/api/articles/:id/retract', { schema: { tags, summary: '撤稿', params: ArticleParams, body: ReasonSchema } }, async (req) =>
    retractArticle(deps, authOf(req).actor, req.params.id, req.body),
  );

  app.get(
    '/api/articles/:id/review-sheet.docx',
    { schema: { tags, summary: '审签单（DOCX）', params: ArticleParams } },
    async (req, reply) => {
      const docx = await reviewSheetDocx(await reviewSheet(deps, authOf(req).actor, req.params.id));
      return sendDownload(reply, MIME.docx, '审签单.docx', docx);
    },
  );
  app.get(
    '/api/articles/:id/review-sheet.html',
    { schema: { tags, summary: '审签单（打印）', params: ArticleParams } },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(reviewSheetHtml(await reviewSheet(deps, authOf(req).actor, req.params.id))),
  );

  app.post('/api/articles/check', { bodyLimit, schema: { tags, summary: '发布前检查（不保存）', body: CheckDraftSchema } }, async (req) =>
    checkDraft(deps, authOf(req).actor, req.body),
  );

  app.get(
    '/api/dictionaries',
    {
      schema: {
        tags,
        summary: '检查词库',
        querystring: z.strictObject({ scope: z.string().min(1).max(40), kind: z.enum(DICTIONARY_KINDS).optional() }),
      },
    },
    async (req) => ({ items: await listDictionary(deps, authOf(req).actor, req.query.scope, req.query.kind) }),
  );
  app.post('/api/dictionaries', { schema: { tags, summary: '添加词条', body: DictionaryEntrySchema } }, async (req, reply) =>
    reply.status(201).send(await addDictionaryEntry(deps, authOf(req).actor, req.body)),
  );
  app.delete('/api/dictionaries/:id', { schema: { tags, summary: '删除词条', params: z.strictObject({ id: Id }) } }, async (req) => {
    await removeDictionaryEntry(deps, authOf(req).actor, req.params.id);
    return { ok: true };
  });

  app.get(
    '/api/reviews/queue',
    {
      schema: {
        tags,
        summary: '待我审核（跨网站）',
        querystring: z.strictObject({
          siteId: Id.optional(),
          stage: z.string().max(40).optional(),
          type: z.string().max(20).optional(),
          dueBefore: z.iso.datetime().optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => ({ items: await reviewQueue(deps, authOf(req).actor, req.query) }),
  );
  app.get(
    '/api/deadlines',
    {
      schema: {
        tags,
        summary: '发布时限看板',
        querystring: z.strictObject({ siteId: Id.optional(), soonHours: z.coerce.number().int().min(1).max(720).optional() }),
      },
    },
    async (req) => deadlineBoard(deps, authOf(req).actor, req.query),
  );
  app.get(
    '/api/sites/:siteId/review-stages',
    { schema: { tags, summary: '审核环节', params: z.strictObject({ siteId: Id }) } },
    async (req) => ({
      stages: await getSiteStages(deps, authOf(req).actor, req.params.siteId),
    }),
  );
  app.put(
    '/api/sites/:siteId/review-stages',
    {
      schema: {
        tags,
        summary: '设置审核环节（不少于三个）',
        params: z.strictObject({ siteId: Id }),
        body: z.strictObject({ stages: z.array(z.unknown()).max(10) }),
      },
    },
    async (req) => ({ stages: await setSiteStages(deps, authOf(req).actor, req.params.siteId, req.body.stages) }),
  );
}
