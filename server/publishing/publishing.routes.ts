/**
 * Routes of the publishing room: administrators' view of a site's publication and their request
 * to rebuild it; and the public search page, which cannot be static (requests to a site's own
 * domain reach it through the static layer, rewritten to `/sites/<code>/search`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { requestSitePublish, sitePublication } from './commands/publication.ts';
import { searchPage } from './commands/search-page.ts';

const SiteParams = z.strictObject({ siteId: z.string().min(1).max(40) });

export async function publishingRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/sites/:siteId/publication',
    { schema: { tags: ['publishing'], summary: '网站发布状态', params: SiteParams } },
    async (req) => sitePublication(deps, authOf(req).actor, req.params.siteId),
  );
  app.post(
    '/api/sites/:siteId/publication',
    { schema: { tags: ['publishing'], summary: '重新发布整个网站（排队执行）', params: SiteParams } },
    async (req, reply) => reply.status(202).send(await requestSitePublish(deps, authOf(req).actor, req.params.siteId)),
  );

  app.get('/sites/:code/search', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const answer = await searchPage(deps, code, (req.query ?? {}) as Record<string, unknown>);
    if (!answer.html) return reply.status(404).type('text/plain; charset=utf-8').send('网站不存在');
    return reply.status(answer.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(answer.html);
  });
}
