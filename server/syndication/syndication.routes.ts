/**
 * Routes of the syndication room (统一信息资源库): a receiving site's subscriptions and its
 * entries (the inbox of offers, take / decline / remove), pushing an article to another site's
 * column, and where an article is shown.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateSubscriptionSchema,
  PushArticleSchema,
  SyndicationDecisionSchema,
  SyndicationListQuerySchema,
} from '../../common/schemas/syndication.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { declineEntry, pushArticle, removeEntry, takeEntry } from './commands/entries.ts';
import { articleSyndications, listEntries } from './commands/queries.ts';
import { createSubscription, listSubscriptions, removeSubscription, syndicationColumns } from './commands/subscriptions.ts';

const Id = z.string().min(1).max(40);
const IdParams = z.strictObject({ id: Id });
const SiteQuery = z.strictObject({ siteId: Id });
const tags = ['syndication'];

export async function syndicationRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/syndication/columns', { schema: { tags, summary: '可订阅或推送的各网站栏目' } }, async (req) =>
    syndicationColumns(deps, authOf(req).actor),
  );
  app.get('/api/syndication/subscriptions', { schema: { tags, summary: '网站栏目的订阅', querystring: SiteQuery } }, async (req) =>
    listSubscriptions(deps, authOf(req).actor, req.query.siteId),
  );
  app.post(
    '/api/syndication/subscriptions',
    { schema: { tags, summary: '订阅其他网站的栏目', body: CreateSubscriptionSchema } },
    async (req, reply) => reply.status(201).send(await createSubscription(deps, authOf(req).actor, req.body)),
  );
  app.delete('/api/syndication/subscriptions/:id', { schema: { tags, summary: '取消订阅', params: IdParams } }, async (req, reply) => {
    await removeSubscription(deps, authOf(req).actor, req.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/syndication/entries',
    { schema: { tags, summary: '共享给本网站的信息', querystring: SyndicationListQuerySchema } },
    async (req) => listEntries(deps, authOf(req).actor, req.query),
  );
  for (const [action, run, summary] of [
    ['take', takeEntry, '采用'],
    ['decline', declineEntry, '不采用'],
    ['remove', removeEntry, '从本网站栏目撤下'],
  ] as const)
    app.post(
      `/api/syndication/entries/:id/${action}`,
      { schema: { tags, summary, params: IdParams, body: SyndicationDecisionSchema } },
      async (req) => run(deps, authOf(req).actor, req.params.id, req.body),
    );
  app.post(
    '/api/syndication/pushes',
    { schema: { tags, summary: '推送信息到其他网站的栏目', body: PushArticleSchema } },
    async (req, reply) => reply.status(201).send(await pushArticle(deps, authOf(req).actor, req.body)),
  );
  app.get('/api/articles/:id/syndications', { schema: { tags, summary: '信息在其他网站的共享情况', params: IdParams } }, async (req) =>
    articleSyndications(deps, authOf(req).actor, req.params.id),
  );
}
