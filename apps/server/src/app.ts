import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Health } from '@yiyang/contracts';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/database.js';
import { migrationStatus } from './platform/db/migrate.js';
import { EventBus } from './platform/events.js';
import { installAuth } from './platform/http/auth-hooks.js';
import { installErrorHandling } from './platform/http/errors.js';
import { requestForLog } from './platform/http/log-privacy.js';
import { installTextGuard } from './platform/http/text-guard.js';
import { installMetrics } from './platform/http/metrics.js';
import { installOpenApi } from './platform/http/openapi.js';
import type { AppInstance } from './platform/http/types.js';
import { JobQueue } from './platform/jobs.js';
import { WsHub } from './platform/ws-hub.js';
import { VERSION } from './platform/version.js';
import { registerModules } from './modules/registry.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Where the log goes (stdout unless given; tests read it). */
  logStream?: NodeJS.WritableStream;
}

export interface App {
  http: AppInstance;
  bus: EventBus;
  jobs: JobQueue;
  hub: WsHub;
  /** Starts background work (event listener, job worker); the HTTP server is started separately. */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

export async function buildApp({ config, db, logStream }: AppDeps): Promise<App> {
  const http = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: { req: requestForLog },
      ...(logStream ? { stream: logStream } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  http.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const consoleRoot = findConsole(config);
  installErrorHandling(http, consoleRoot ? consoleRouteFallback : undefined);
  installTextGuard(http);
  await http.register(cookie);
  await http.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await installOpenApi(http, VERSION);
  installMetrics(http);
  installAuth(http, db.kysely, config.sessionIdleMinutes);

  const bus = new EventBus(db);
  const jobs = new JobQueue(db.kysely, http.log);
  const hub = new WsHub(bus);
  hub.install(http);

  http.get('/healthz', { schema: { tags: ['service'], response: { 200: Health } }, config: { public: true } }, async () => {
    const migrations = await migrationStatus(db);
    return { status: migrations.pending === 0 ? ('ok' as const) : ('degraded' as const), db: db.kind, version: VERSION, migrations };
  });

  const background = await registerModules(http, { config, db, bus, jobs, hub });
  if (consoleRoot) await http.register(fastifyStatic, { root: consoleRoot, prefix: '/', wildcard: false, index: ['index.html'] });

  return {
    http,
    bus,
    jobs,
    hub,
    async startBackground() {
      await bus.start();
      await jobs.start();
      for (const work of background) await work.start();
    },
    async close() {
      hub.closeAll();
      for (const work of background) await work.stop();
      await jobs.stop();
      await bus.stop();
      await http.close();
    },
  };
}

/** In production the server also serves the built console (apps/web/dist), when it has been built. */
function findConsole(config: Config): string | undefined {
  const dist = config.webDist ?? path.resolve(import.meta.dirname, '../../web/dist');
  const candidates = [dist, path.resolve(import.meta.dirname, '../../../apps/web/dist')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html')));
}

/** The console's client-side routes (/org, /m/…) are pages the browser asks for: they get index.html. */
function consoleRouteFallback(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const url = req.url.split('?')[0] ?? '/';
  if (req.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) return reply.type('text/html').sendFile('index.html');
  return undefined;
}
