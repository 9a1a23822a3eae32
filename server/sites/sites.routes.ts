/** HTTP surface of the sites room. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CloseColumnSchema,
  CreateColumnSchema,
  CreateSiteSchema,
  SiteListQuerySchema,
  UpdateColumnSchema,
  UpdateSiteSchema,
} from '../../common/schemas/sites.ts';
import { LifecycleStepParamSchema } from '../../common/schemas/site-lifecycle.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { closeColumn, createColumn, listColumns, updateColumn } from './commands/columns.ts';
import { consolidationView, getLifecycle, takeLifecycleStep } from './commands/lifecycle.ts';
import { createSite, getSite, listSites, updateSite } from './commands/sites.ts';

const Id = z.string().min(1).max(40);

export async function sitesRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/sites', { schema: { tags: ['sites'], summary: '网站列表', querystring: SiteListQuerySchema } }, async (req) => ({
    items: await listSites(deps, authOf(req).actor, req.query),
  }));
  app.post('/api/sites', { schema: { tags: ['sites'], summary: '登记网站', body: CreateSiteSchema } }, async (req, reply) =>
    reply.status(201).send(await createSite(deps, authOf(req).actor, req.body)),
  );
  app.get(
    '/api/sites/consolidation',
    { schema: { tags: ['sites'], summary: '集约化：全市网站状态、整合期限和仍违反的规定' } },
    async (req) => ({
      items: await consolidationView(deps, authOf(req).actor),
    }),
  );
  app.get(
    '/api/sites/:siteId/lifecycle',
    { schema: { tags: ['sites'], summary: '网站生命周期：记录、待审批申请和可执行的步骤', params: z.strictObject({ siteId: Id }) } },
    async (req) => getLifecycle(deps, authOf(req).actor, req.params.siteId),
  );
  app.post(
    '/api/sites/:siteId/lifecycle/:step',
    // The body is parsed by the step's own schema in the command (each step has its fields).
    {
      schema: {
        tags: ['sites'],
        summary: '执行网站生命周期步骤',
        params: LifecycleStepParamSchema,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (req) => takeLifecycleStep(deps, authOf(req).actor, req.params.siteId, req.params.step, req.body),
  );
  app.get('/api/sites/:siteId', { schema: { tags: ['sites'], summary: '网站详情', params: z.strictObject({ siteId: Id }) } }, async (req) =>
    getSite(deps, authOf(req).actor, req.params.siteId),
  );
  app.patch(
    '/api/sites/:siteId',
    { schema: { tags: ['sites'], summary: '修改网站', params: z.strictObject({ siteId: Id }), body: UpdateSiteSchema } },
    async (req) => updateSite(deps, authOf(req).actor, req.params.siteId, req.body),
  );
  app.get(
    '/api/sites/:siteId/columns',
    { schema: { tags: ['columns'], summary: '栏目列表', params: z.strictObject({ siteId: Id }) } },
    async (req) => ({
      items: await listColumns(deps, authOf(req).actor, req.params.siteId),
    }),
  );
  app.post(
    '/api/sites/:siteId/columns',
    { schema: { tags: ['columns'], summary: '新建栏目', params: z.strictObject({ siteId: Id }), body: CreateColumnSchema } },
    async (req, reply) => reply.status(201).send(await createColumn(deps, authOf(req).actor, req.params.siteId, req.body)),
  );
  app.patch(
    '/api/sites/:siteId/columns/:columnId',
    {
      schema: {
        tags: ['columns'],
        summary: '修改或移动栏目',
        params: z.strictObject({ siteId: Id, columnId: Id }),
        body: UpdateColumnSchema,
      },
    },
    async (req) => updateColumn(deps, authOf(req).actor, req.params.siteId, req.params.columnId, req.body),
  );
  app.post(
    '/api/sites/:siteId/columns/:columnId/close',
    { schema: { tags: ['columns'], summary: '关闭栏目', params: z.strictObject({ siteId: Id, columnId: Id }), body: CloseColumnSchema } },
    async (req) => closeColumn(deps, authOf(req).actor, req.params.siteId, req.params.columnId, req.body),
  );
}
