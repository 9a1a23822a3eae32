/**
 * HTTP surface of the 政府信息公开目录: the public catalogue and 指南 pages of every hosted site
 * (plain GET pages; a site's own domain reaches them as `/gkml` and `/gkzn` through the static
 * layer or nginx), and the office's API for the catalogue's coverage and the 指南's fields.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GuideSchema } from '../../common/schemas/catalogue.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { CATALOGUE_PATH, GUIDE_PATH } from '../../common/public-paths.ts';
import { catalogueCoverageOf, catalogueOverview, cataloguePage, getGuide, guidePage, saveGuide } from './commands/catalogue.ts';
import type { PublicPage } from './commands/public-requests.ts';

const SiteCode = z.strictObject({ code: z.string().max(40) });
const SiteParams = z.strictObject({ siteId: z.string().min(1).max(40) });

function sendPage(reply: FastifyReply, answer: PublicPage | null) {
  if (!answer) return reply.status(404).type('text/plain; charset=utf-8').send('网站不存在');
  // Lists change with every publication: a short shared cache, revalidated.
  return reply.status(answer.status).header('cache-control', 'public, max-age=60').type('text/html; charset=utf-8').send(answer.html);
}

export async function catalogueRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['disclosure'];
  const open = { access: 'public' as const };

  app.get(`/sites/:code${CATALOGUE_PATH}`, { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await cataloguePage(deps, req.params.code, (req.query ?? {}) as Record<string, unknown>)),
  );
  app.get(`/sites/:code${GUIDE_PATH}`, { config: open, schema: { hide: true, params: SiteCode } }, async (req, reply) =>
    sendPage(reply, await guidePage(deps, req.params.code)),
  );

  app.get('/api/disclosure/catalogue', { schema: { tags, summary: '各托管网站政府信息公开目录的完整情况（监管）' } }, async (req) =>
    catalogueOverview(deps, authOf(req).actor),
  );
  app.get(
    '/api/disclosure/catalogue/:siteId',
    { schema: { tags, summary: '网站政府信息公开目录的分类、对应栏目、信息条数和缺项', params: SiteParams } },
    async (req) => catalogueCoverageOf(deps, authOf(req).actor, req.params.siteId),
  );
  app.get(
    '/api/disclosure/guides/:siteId',
    { schema: { tags, summary: '网站主办单位的政府信息公开指南', params: SiteParams } },
    async (req) => getGuide(deps, authOf(req).actor, req.params.siteId),
  );
  app.put(
    '/api/disclosure/guides/:siteId',
    { schema: { tags, summary: '保存政府信息公开指南（工作机构、联系方式、编排体系、获取方式）', params: SiteParams, body: GuideSchema } },
    async (req) => saveGuide(deps, authOf(req).actor, req.params.siteId, req.body),
  );
}
