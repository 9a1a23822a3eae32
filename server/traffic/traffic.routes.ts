/** HTTP surface of the traffic room: a site's visits in a year with the daily series. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SiteTrafficParamsSchema } from '../../common/schemas/traffic.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { getSiteTraffic } from './commands/site-traffic.ts';

export async function trafficRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/traffic/sites/:siteId/:year',
    { schema: { tags: ['traffic'], summary: '网站年度访问量：总访问量、独立用户数和逐日访问量', params: SiteTrafficParamsSchema } },
    async (req) => getSiteTraffic(deps, authOf(req).actor, req.params.siteId, req.params.year),
  );
}
