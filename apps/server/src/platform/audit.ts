import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from './auth/actor.js';
import type { Database } from './db/schema.js';

export interface AuditEvent {
  /** Dotted verb in the domain's words: `org_unit.create`, `elder.reveal_id_number`, `auth.login_failed`. */
  action: string;
  entityType?: string;
  entityId?: string;
  /** The org unit the record belongs to, so admins see the audit of their own subtree. */
  orgUnitId?: string | null;
  details?: Record<string, unknown>;
}

type Queryable = Kysely<Database> | Transaction<Database>;

/**
 * Appends to the audit log. Call it inside the same transaction as the change it describes: if
 * the change rolls back, so does its audit entry, and a committed change always has one.
 */
export async function recordAudit(db: Queryable, ctx: Pick<RequestContext, 'ip' | 'requestId'> & { actor: RequestContext['actor'] | null; audited?: boolean }, event: AuditEvent) {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: ctx.actor?.userId ?? null,
      actor_username: ctx.actor?.username ?? null,
      actor_role: ctx.actor?.role ?? null,
      action: event.action,
      entity_type: event.entityType ?? null,
      entity_id: event.entityId ?? null,
      org_unit_id: event.orgUnitId ?? null,
      ip: ctx.ip,
      request_id: ctx.requestId,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
  ctx.audited = true;
}
