/**
 * The composition root: which rooms the platform has, their routes and jobs, and how a
 * process (web server, worker, CLI) is assembled from them.
 */
import fs from 'node:fs';
import path from 'node:path';
import staticFiles from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { accountsJobs, accountsRoutes, requirePermission, sessionAuthenticator } from './accounts/index.ts';
import { auditRoutes } from './audit/index.ts';
import { calendarRoutes } from './calendar/index.ts';
import { contentJobs, contentRoutes } from './content/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { openDbFromConfig } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrations/index.ts';
import type { Deps } from './platform/deps.ts';
import { buildApp, type RoutesPlugin } from './platform/http/app.ts';
import { authOf } from './platform/http/auth.ts';
import { JobRegistry, PLATFORM_JOBS, schedulerHealth, jobStats } from './platform/jobs/index.ts';
import { createLogger } from './platform/logger.ts';
import { personalDataJobs } from './platform/personal-data-store.ts';
import { catalogueRoutes, disclosureRoutes } from './disclosure/index.ts';
import { guidesJobs, guidesRoutes } from './guides/index.ts';
import { interactionJobs, interactionRoutes } from './interaction/index.ts';
import { monitoringJobs, monitoringRoutes } from './monitoring/index.ts';
import { evaluationJobs, evaluationRoutes } from './evaluation/index.ts';
import { createPublicSites, publishingJobs, publishingRoutes } from './publishing/index.ts';
import { sitesJobs, sitesRoutes } from './sites/index.ts';
import { trafficJobs, trafficRoutes } from './traffic/index.ts';
import { migrationJobs, migrationRoutes } from './migration/index.ts';
import { syndicationRoutes } from './syndication/index.ts';

export const ADMIN_DIST = path.resolve(import.meta.dirname, '../admin/dist');

async function systemRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get('/api/system/health', { schema: { tags: ['system'], summary: '任务运行状况' } }, async (req) => {
    requirePermission(authOf(req).actor, 'system.jobs');
    return { scheduler: await schedulerHealth(deps), jobs: await jobStats(deps.db) };
  });
}

export const ROUTES: RoutesPlugin[] = [
  accountsRoutes,
  auditRoutes,
  sitesRoutes,
  calendarRoutes,
  contentRoutes,
  publishingRoutes,
  disclosureRoutes,
  catalogueRoutes,
  interactionRoutes,
  guidesRoutes,
  monitoringRoutes,
  evaluationRoutes,
  trafficRoutes,
  syndicationRoutes,
  systemRoutes,
  migrationRoutes,
];

export function jobRegistry(): JobRegistry {
  return new JobRegistry([
    ...PLATFORM_JOBS,
    ...accountsJobs,
    ...contentJobs,
    ...publishingJobs,
    ...personalDataJobs,
    ...interactionJobs,
    ...guidesJobs,
    ...monitoringJobs,
    ...evaluationJobs,
    ...trafficJobs,
    ...sitesJobs,
    ...migrationJobs,
  ]);
}

/** Opens the database, runs pending migrations, returns the process's deps. */
export async function createDeps(config: Config, opts: { clock?: Clock } = {}): Promise<Deps> {
  const db = openDbFromConfig(config);
  const logger = createLogger(config.logLevel);
  try {
    await migrateToLatest(db.kysely, db.dialect);
  } catch (e) {
    await db.close();
    throw e;
  }
  return { config, db, clock: opts.clock ?? systemClock, logger };
}

/** Serves the built admin SPA at /admin, falling back to index.html for client-side routes. */
async function adminStatic(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    app.get('/admin', { config: { access: 'public' } }, async (_req, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>公开</title><p>管理后台尚未构建，请运行 npm run build:admin。</p>'),
    );
    return;
  }
  await app.register(staticFiles, { root: ADMIN_DIST, prefix: '/admin/', index: 'index.html', wildcard: false });
  const index = fs.readFileSync(path.join(ADMIN_DIST, 'index.html'));
  const sendIndex = async (_req: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  app.get('/admin', { config: { access: 'public' } }, sendIndex);
  app.get('/admin/*', { config: { access: 'public' } }, sendIndex);
  app.get('/', { config: { access: 'public' } }, async (_req, reply) => reply.redirect('/admin/'));
}

/** The HTTP app with every room's routes, the public sites in front (ADR 0006) and the admin SPA. */
export function createHttpApp(deps: Deps, opts: { admin?: boolean } = {}): Promise<FastifyInstance> {
  const publicSites = createPublicSites(deps);
  return buildApp(deps, {
    authenticate: sessionAuthenticator(deps),
    routes: [...ROUTES, publicSites.routes],
    front: publicSites.front,
    extras: opts.admin === false ? [] : [adminStatic],
  });
}
