/**
 * Routes of the publishing room: administrators' view of a site's publication and their request
 * to rebuild it; and the public search page, which cannot be static (requests to a site's own
 * domain reach it through the static layer, rewritten to `/sites/<code>/search`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SearchQuerySchema } from '../../common/schemas/search.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { requestSitePublish, sitePublication } from './commands/publication.ts';
import { isAppError } from '../platform/errors.ts';
import { searchArticles } from '../search/index.ts';
import { publicSites } from './publishing.repository.ts';
import { renderSearchPage, type SearchForm } from './render/search-page.ts';
import { SEARCH_PATH, relativeUrl } from './rules/paths.ts';
import { loadSiteModel, pageContext } from './site-model.ts';

const SITE_CODE = /^[0-9a-z]{1,16}$/;

function text(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

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
    const siteId = SITE_CODE.test(code) ? await publicSites.idByCode(deps.db.kysely, code) : undefined;
    if (!siteId) return reply.status(404).type('text/plain; charset=utf-8').send('网站不存在');
    const model = await loadSiteModel(deps, siteId);
    const raw = (req.query ?? {}) as Record<string, unknown>;
    // The form echoes what was typed (cut to a sane length); the query itself is validated below.
    const form: SearchForm = {
      q: text(raw.q, 200),
      type: text(raw.type, 40),
      from: text(raw.from, 10),
      to: text(raw.to, 10),
      sort: text(raw.sort, 20),
    };
    let result = null;
    let error: string | null = null;
    if (form.q.trim() || Object.keys(raw).length > 0) {
      const input: Record<string, unknown> = { q: raw.q, siteId, page: raw.page ?? '1' };
      for (const k of ['type', 'from', 'to', 'sort'] as const) if (raw[k]) input[k] = raw[k];
      const parsed = SearchQuerySchema.safeParse(input);
      if (!parsed.success) error = parsed.error.issues[0]?.message ?? '搜索条件不正确';
      else {
        try {
          result = await searchArticles(deps, parsed.data);
        } catch (e) {
          if (!isAppError(e) || e.status >= 500) throw e;
          error = e.message;
        }
      }
    }
    const ctx = pageContext(model, SEARCH_PATH, deps.clock.now().toISOString());
    const page = renderSearchPage(ctx, { form, result, error, resultUrl: (url) => relativeUrl(SEARCH_PATH, url) });
    return reply
      .status(error ? 400 : 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page);
  });
}
