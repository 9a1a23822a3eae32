/** HTTP surface of the audit room (auditor only). */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { attachmentDisposition, MIME } from '../platform/http/download.ts';
import { exportAuditCsv, searchAuditEvents, verifyAuditForAuditor } from './queries.ts';

const Filter = z.strictObject({
  action: z.string().max(100).optional(),
  actorId: z.string().max(40).optional(),
  siteId: z.string().max(40).optional(),
  result: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.iso.datetime({ message: '时间格式应为 ISO 8601' }).optional(),
  to: z.iso.datetime({ message: '时间格式应为 ISO 8601' }).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export async function auditRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/audit/events', { schema: { tags: ['audit'], summary: '审计日志', querystring: Filter } }, async (req) => {
    const { limit, ...f } = req.query;
    return { items: await searchAuditEvents(deps, authOf(req).actor, f, limit ?? 100) };
  });
  app.get(
    '/api/audit/export',
    { schema: { tags: ['audit'], summary: '导出审计日志（CSV）', querystring: Filter.omit({ limit: true }) } },
    async (req, reply) => {
      const gen = exportAuditCsv(deps, authOf(req).actor, req.query);
      // Pull the first chunk before replying so a refused export is a clean 403, not a broken download.
      const first = await gen.next();
      reply.header('content-type', MIME.csv);
      reply.header('content-disposition', attachmentDisposition('审计日志.csv'));
      return reply.send(
        Readable.from(
          (async function* () {
            if (!first.done) yield first.value;
            yield* gen;
          })(),
        ),
      );
    },
  );
  app.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计日志链' } }, async (req) =>
    verifyAuditForAuditor(deps, authOf(req).actor),
  );
}
