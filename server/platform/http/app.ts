/**
 * The HTTP application. `buildApp()` assembles plugins and the modules' routes and never
 * listens: tests use `app.inject()`, the CLI's `serve` calls `listen`.
 */
import { randomUUID } from 'node:crypto';
import http, { type RequestListener } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pingDb } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { registerAuth, type Authenticator } from './auth.ts';
import { frameworkErrorReply, registerErrorHandling } from './error-handler.ts';

export type App = FastifyInstance;

/** A module's HTTP surface: a Fastify plugin that receives the platform's deps. */
export type RoutesPlugin = (app: FastifyInstance, deps: Deps) => Promise<void>;

export interface BuildAppOptions {
  /** Resolves a session cookie to the acting user (provided by the accounts room). */
  authenticate: Authenticator;
  routes: RoutesPlugin[];
  /** Extra plugins that serve non-API paths (the admin SPA, public files). */
  extras?: ((app: FastifyInstance) => Promise<void>)[];
  /**
   * A raw request handler in front of Fastify's (the public sites' static files, ADR 0006): it
   * answers what it can and passes the rest to `next`, Fastify's own handler.
   */
  front?: (next: RequestListener) => RequestListener;
}

/** Fastify's HTTP/1 server, with the front handler before Fastify's and Fastify's timeouts. */
function frontServer(front: (next: RequestListener) => RequestListener) {
  return (handler: RequestListener, o: { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number }) => {
    const server = http.createServer(front(handler));
    if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
    if (o.requestTimeout !== undefined) server.requestTimeout = o.requestTimeout;
    if (o.connectionTimeout !== undefined) server.setTimeout(o.connectionTimeout);
    return server;
  };
}

export async function buildApp(deps: Deps, opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // One logger for the process: the same redaction of personal data everywhere.
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    frameworkErrors: (error, _req, reply) => frameworkErrorReply(error, reply),
    ...(opts.front ? { serverFactory: frontServer(opts.front) } : {}),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.secureCookies ? { maxAge: 31_536_000 } : false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Gongkai API', description: '公开 · 政府网站集约化平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  // A NUL character is never part of a valid API address (and PostgreSQL refuses it in text);
  // the public pages answer such addresses with their own 400 page.
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/api/') && /%00/i.test(req.url))
      return reply.status(400).send({ code: 'GK_ERR_BAD_REQUEST', message: '请求地址包含无效字符' });
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  registerAuth(app, opts.authenticate);

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    await pingDb(deps.db);
    return { status: 'ok' };
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const plugin of opts.routes) {
    await app.register(async (scoped) => plugin(scoped, deps));
  }
  for (const extra of opts.extras ?? []) await app.register(extra);

  await app.ready();
  return app;
}
