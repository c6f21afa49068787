import { AuditPage, AuditQuery, ErrorBody } from '@yiyang/contracts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import { assertOrgUnitInScope, inOrgScope, inOrgSubtree } from '../../platform/scope.js';
import type { AppInstance } from '../../platform/http/types.js';

/**
 * Searching the audit log. Entries tied to an org unit are visible to admins of that unit's
 * subtree; entries with no unit (sign-in failures, system work) only to the district.
 */
export function auditRoutes(app: AppInstance, db: Kysely<Database>) {
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'Search the append-only audit log', querystring: AuditQuery, response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    config: { permission: 'audit.read' },
  }, async (req) => {
    const { actor } = ctxOf(req);
    const q = req.query;
    let base = db.selectFrom('audit_log as a');
    if (actor.role !== 'admin') {
      base = base.where(inOrgScope(actor, 'a.org_unit_id'));
    }
    if (q.orgUnitId) {
      const area = await assertOrgUnitInScope(db, actor, q.orgUnitId);
      base = base.where(inOrgSubtree(area.path, 'a.org_unit_id'));
    }
    if (q.actor) base = base.where('a.actor_username', '=', q.actor.toLowerCase());
    if (q.action) base = base.where('a.action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (q.entityType) base = base.where('a.entity_type', '=', q.entityType);
    if (q.entityId) base = base.where('a.entity_id', '=', q.entityId);
    if (q.from) base = base.where('a.at', '>=', new Date(q.from));
    if (q.to) base = base.where('a.at', '<', new Date(q.to));
    const [rows, count] = await Promise.all([
      base.selectAll('a').orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        at: r.at.toISOString(),
        actorUserId: r.actor_user_id,
        actorUsername: r.actor_username,
        actorRole: r.actor_role,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        orgUnitId: r.org_unit_id,
        ip: r.ip,
        requestId: r.request_id,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown> | null,
      })),
      total: count.n,
      page: q.page,
      pageSize: q.pageSize,
    };
  });
}
