/**
 * HTTP surface of the interaction room for the back office: channels, redaction words and reply
 * templates of a site; letters (list, one letter, actions); the overdue lists and the
 * supervision view; the year's figures. The public pages are in public.routes.ts.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LETTER_STATES } from '../../common/schemas/interaction.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { attachmentDisposition } from '../platform/http/download.ts';
import {
  createChannel,
  createReplyTemplate,
  deleteReplyTemplate,
  getInteractionSettings,
  listChannels,
  listReplyTemplates,
  saveInteractionSettings,
  updateChannel,
  updateReplyTemplate,
} from './commands/channels.ts';
import { downloadLetterAttachment } from './commands/letter-attachments.ts';
import { actOnLetter, getLetter, listLetters } from './commands/letter-handling.ts';
import { interactionOversight, interactionStatistics, overdueLetters } from './commands/letter-oversight.ts';
import { surveyStatistics } from './commands/surveys.ts';
import { publicLetterRoutes } from './public.routes.ts';
import { surveyRoutes } from './surveys.routes.ts';

const Id = z.strictObject({ id: z.string().min(1).max(40) });
const SiteQuery = z.strictObject({ siteId: z.string().min(1).max(40) });
const SiteParam = z.strictObject({ siteId: z.string().min(1).max(40) });
const AttachmentParams = z.strictObject({ id: z.string().min(1).max(40), attachmentId: z.string().min(1).max(40) });

export async function interactionRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  // The public forms post urlencoded bodies; parsed only in this room's scope (the admin API speaks JSON).
  await base.register(formbody, { bodyLimit: 64 * 1024 });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['interaction'];

  app.get('/api/interaction/channels', { schema: { tags, summary: '网站的互动渠道', querystring: SiteQuery } }, async (req) =>
    listChannels(deps, authOf(req).actor, req.query.siteId),
  );
  app.post('/api/interaction/channels', { schema: { tags, summary: '开设互动渠道', querystring: SiteQuery } }, async (req, reply) =>
    reply.status(201).send(await createChannel(deps, authOf(req).actor, req.query.siteId, req.body)),
  );
  app.put('/api/interaction/channels/:id', { schema: { tags, summary: '修改互动渠道', params: Id } }, async (req) =>
    updateChannel(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.get('/api/interaction/settings/:siteId', { schema: { tags, summary: '公开信件的屏蔽词', params: SiteParam } }, async (req) =>
    getInteractionSettings(deps, authOf(req).actor, req.params.siteId),
  );
  app.put('/api/interaction/settings/:siteId', { schema: { tags, summary: '保存屏蔽词', params: SiteParam } }, async (req) =>
    saveInteractionSettings(deps, authOf(req).actor, req.params.siteId, req.body),
  );
  app.get('/api/interaction/templates', { schema: { tags, summary: '答复模板', querystring: SiteQuery } }, async (req) =>
    listReplyTemplates(deps, authOf(req).actor, req.query.siteId),
  );
  app.post('/api/interaction/templates', { schema: { tags, summary: '新建答复模板', querystring: SiteQuery } }, async (req, reply) =>
    reply.status(201).send(await createReplyTemplate(deps, authOf(req).actor, req.query.siteId, req.body)),
  );
  app.put('/api/interaction/templates/:id', { schema: { tags, summary: '修改答复模板', params: Id } }, async (req) =>
    updateReplyTemplate(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.delete('/api/interaction/templates/:id', { schema: { tags, summary: '删除答复模板', params: Id } }, async (req, reply) => {
    await deleteReplyTemplate(deps, authOf(req).actor, req.params.id);
    return reply.status(204).send();
  });

  app.get(
    '/api/interaction/letters',
    {
      schema: {
        tags,
        summary: '信件列表（本网站收到的、本单位办理的和转给本单位的；按答复期限排序）',
        querystring: z.strictObject({
          siteId: z.string().min(1).max(40),
          state: z.enum(LETTER_STATES).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (req) => listLetters(deps, authOf(req).actor, req.query),
  );
  app.get(
    '/api/interaction/letters/:id',
    {
      schema: {
        tags,
        summary: '信件详情（来信人信息默认脱敏；reveal=1 显示完整信息并记入审计）',
        params: Id,
        querystring: z.strictObject({ reveal: z.enum(['0', '1']).optional() }),
      },
    },
    async (req) => getLetter(deps, authOf(req).actor, req.params.id, { reveal: req.query.reveal === '1' }),
  );
  app.get(
    '/api/interaction/letters/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载信件附件（仅可查看该信件的人员；每次下载记入审计）', params: AttachmentParams } },
    async (req, reply) => {
      const file = await downloadLetterAttachment(deps, authOf(req).actor, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', attachmentDisposition(file.name))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );
  app.post(
    '/api/interaction/letters/:id/actions',
    { schema: { tags, summary: '办理信件（受理、交办、转办、答复、审核、办结……）', params: Id } },
    async (req) => actOnLetter(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.get(
    '/api/interaction/overdue',
    {
      schema: {
        tags,
        summary: '即将到期和已超期的信件（含下级单位超期督办的信件）',
        querystring: z.strictObject({ siteId: z.string().min(1).max(40).optional() }),
      },
    },
    async (req) => overdueLetters(deps, authOf(req).actor, req.query),
  );
  app.get('/api/interaction/oversight', { schema: { tags, summary: '互动监管：各单位在办、超期和否决风险信件' } }, async (req) =>
    interactionOversight(deps, authOf(req).actor),
  );
  app.get(
    '/api/interaction/statistics/:siteId/:year',
    {
      schema: {
        tags,
        summary: '政府网站工作年度报表：互动交流（留言办理、征集调查）',
        params: z.strictObject({
          siteId: z.string().min(1).max(40),
          year: z.coerce.number({ message: '年份应为数字' }).int().min(2000, '年份不正确').max(2100, '年份不正确'),
        }),
      },
    },
    async (req) =>
      interactionStatistics(deps, authOf(req).actor, req.params.siteId, req.params.year, (siteIds, year) =>
        surveyStatistics(deps, siteIds, year),
      ),
  );
  await surveyRoutes(base, deps);
  await publicLetterRoutes(base, deps);
}
