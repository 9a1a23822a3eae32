/**
 * HTTP surface of the request back office after registration: assignment (转办), delivery,
 * archiving, the letters sent out (征求意见函, 收费通知书), and the supervisors' and offices'
 * views across requests (overdue requests, 条例 44 groups). Registered by disclosureRoutes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ArchiveRequestSchema,
  AssignRequestSchema,
  ConsultationLetterQuerySchema,
  DeliverRequestSchema,
  FeeNoticeQuerySchema,
  RepeatedRequestsQuerySchema,
} from '../../common/schemas/disclosure-handling.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { consultationLetterDocx, feeNoticeDocx } from './commands/request-documents.ts';
import { archiveRequest, assignRequest, recordDelivery } from './commands/request-handling.ts';
import { overdueRequests, repeatedRequests } from './commands/request-oversight.ts';

const Params = z.strictObject({ id: z.string().min(1).max(40) });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const sendDocx = (reply: FastifyReply, name: string, bytes: Buffer) =>
  reply
    .header('content-type', DOCX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);

export function requestHandlingRoutes(base: FastifyInstance, deps: Deps): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['disclosure'];

  app.post(
    '/api/disclosure/requests/:id/assign',
    { schema: { tags, summary: '转办政府信息公开申请（答复期限仍自收到申请之日起计算）', params: Params, body: AssignRequestSchema } },
    async (req) => assignRequest(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/disclosure/requests/:id/delivery',
    { schema: { tags, summary: '登记答复的送达情况', params: Params, body: DeliverRequestSchema } },
    async (req) => recordDelivery(deps, authOf(req).actor, req.params.id, req.body),
  );
  app.post(
    '/api/disclosure/requests/:id/archive',
    { schema: { tags, summary: '归档已办结的政府信息公开申请', params: Params, body: ArchiveRequestSchema.optional() } },
    async (req) => archiveRequest(deps, authOf(req).actor, req.params.id, req.body ?? {}),
  );
  app.get(
    '/api/disclosure/requests/:id/consultation-letter.docx',
    { schema: { tags, summary: '政府信息公开征求意见函（DOCX）', params: Params, querystring: ConsultationLetterQuerySchema } },
    async (req, reply) =>
      sendDocx(reply, '政府信息公开征求意见函.docx', await consultationLetterDocx(deps, authOf(req).actor, req.params.id, req.query)),
  );
  app.get(
    '/api/disclosure/requests/:id/fee-notice.docx',
    { schema: { tags, summary: '政府信息公开信息处理费收费通知书（DOCX）', params: Params, querystring: FeeNoticeQuerySchema } },
    async (req, reply) =>
      sendDocx(reply, '政府信息公开信息处理费收费通知书.docx', await feeNoticeDocx(deps, authOf(req).actor, req.params.id, req.query)),
  );
  app.get('/api/disclosure/overdue', { schema: { tags, summary: '全部网站逾期或即将到期的政府信息公开申请（监管）' } }, async (req) =>
    overdueRequests(deps, authOf(req).actor),
  );
  app.get(
    '/api/disclosure/repeated-requests',
    {
      schema: {
        tags,
        summary: '多个申请人申请相同政府信息的情况（条例第四十四条，建议主动公开）',
        querystring: RepeatedRequestsQuerySchema,
      },
    },
    async (req) => repeatedRequests(deps, authOf(req).actor, req.query),
  );
}
