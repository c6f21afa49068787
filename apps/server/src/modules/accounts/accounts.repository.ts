import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { inOrgScope, inOrgSubtree } from '../../platform/scope.js';

type Queryable = Kysely<Database> | Transaction<Database>;

export function findUserByUsername(db: Queryable, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function throttleOf(db: Queryable, username: string) {
  return db.selectFrom('login_throttle').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function saveThrottle(db: Queryable, username: string, failures: number, lockedUntil: Date | null, now: Date) {
  await db
    .insertInto('login_throttle')
    .values({ username, failures, locked_until: lockedUntil, last_failure_at: now })
    .onConflict((oc) => oc.column('username').doUpdateSet({ failures, locked_until: lockedUntil, last_failure_at: now }))
    .execute();
}

export async function clearThrottle(db: Queryable, username: string) {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** `areaPath`: the picked unit's path, already checked to lie in the actor's scope. */
export function listUsersInScope(db: Queryable, actor: Actor, areaPath: string | null, page: number, pageSize: number) {
  let base = db.selectFrom('users').where(inOrgScope(actor, 'users.org_unit_id'));
  if (areaPath) base = base.where(inOrgSubtree(areaPath, 'users.org_unit_id'));
  return Promise.all([
    base
      .select(['id', 'username', 'display_name', 'role', 'org_unit_id', 'disabled', 'created_at'])
      .orderBy('username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
}

export async function insertUser(
  db: Queryable,
  u: { username: string; displayName: string; role: string; orgUnitId: string; passwordHash: string; providerId?: string | null; staffId?: string | null; responderId?: string | null },
) {
  return db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      org_unit_id: u.orgUnitId,
      password_hash: u.passwordHash,
      provider_id: u.providerId ?? null,
      staff_id: u.staffId ?? null,
      responder_id: u.responderId ?? null,
    })
    .returning(['id', 'username', 'display_name', 'role', 'org_unit_id', 'disabled', 'created_at'])
    .executeTakeFirstOrThrow();
}
