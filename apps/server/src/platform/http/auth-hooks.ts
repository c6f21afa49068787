import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor, RequestContext } from '../auth/actor.js';
import type { Permission } from '../auth/permissions.js';
import { actorFromToken, SESSION_COOKIE } from '../auth/sessions.js';
import { recordAudit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { forbidden, unauthenticated } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (login, health, docs). Everything else needs a session. */
    public?: boolean;
    permission?: Permission;
    /** The handler writes no audit entry of its own and the generic one would say nothing useful. */
    skipAudit?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    context_: RequestContext | null;
  }
}

export function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return req.cookies[SESSION_COOKIE] ?? null;
}

/** The caller's context; routes that are not public always have one. */
export function ctxOf(req: FastifyRequest): RequestContext {
  if (!req.context_) throw unauthenticated();
  return req.context_;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAuth(app: FastifyInstance, db: Kysely<Database>, idleMinutes: number) {
  app.decorateRequest('actor', null);
  app.decorateRequest('context_', null);

  app.addHook('preHandler', async (req) => {
    const config = req.routeOptions.config;
    const token = tokenOf(req);
    const actor = token ? await actorFromToken(db, token, idleMinutes) : null;
    if (actor) {
      req.actor = actor;
      req.context_ = { actor, ip: req.ip, requestId: String(req.id) };
    }
    // Only the versioned API is behind sign-in; health, metrics, docs and the console shell are not.
    if (config.public || !req.routeOptions.url?.startsWith('/api/v1')) return;
    if (!actor) throw unauthenticated(token ? 'session expired, please sign in again' : 'authentication required');
    if (config.permission && !actor.permissions.has(config.permission)) throw forbidden();
  });

  // Safety net for "every write is audited": a successful write whose handler recorded nothing
  // specific still leaves a trace of who called what.
  app.addHook('onResponse', async (req, reply) => {
    const ctx = req.context_;
    if (!ctx || ctx.audited || !MUTATING.has(req.method) || reply.statusCode >= 400) return;
    if (req.routeOptions.config.skipAudit) return;
    await recordAudit(db, ctx, {
      action: `http.${req.method.toLowerCase()}`,
      details: { route: req.routeOptions.url, status: reply.statusCode },
    }).catch((err) => req.log.error({ err }, 'audit fallback failed'));
  });
}
