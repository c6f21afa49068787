import { sql, type Expression, type SqlBool, type Kysely, type Transaction } from 'kysely';
import type { Actor } from './auth/actor.js';
import type { Database } from './db/schema.js';
import { notFound } from './errors.js';

/**
 * The one place that decides which part of the organisation tree a caller may touch. Every
 * module filters its reads and checks its writes through these helpers, so "a community worker
 * sees only its own community" is enforced on the server whatever the UI asks for.
 */

type Queryable = Kysely<Database> | Transaction<Database>;

/** `true` when `orgUnitIdColumn` names a unit inside the actor's subtree (for use in `.where`). */
export function inOrgScope(actor: Actor, orgUnitIdColumn: string): Expression<SqlBool> {
  return inOrgSubtree(actor.orgPath, orgUnitIdColumn);
}

/**
 * `true` when `orgUnitIdColumn` names a unit under the ltree `path`: a list narrowed to a picked
 * unit, whose path came from assertOrgUnitInScope so the narrowing never widens the caller's scope.
 */
export function inOrgSubtree(path: string, orgUnitIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(orgUnitIdColumn)} in (select id from org_units where path <@ ${path}::ltree)`;
}

/** SQL condition on an ltree path column: the row lies inside the actor's subtree. */
export function pathInScope(actor: Actor, pathColumn: string): Expression<SqlBool> {
  return pathUnder(actor.orgPath, pathColumn);
}

/** SQL condition on an ltree path column: the row lies under `path` (an area from areaPath). */
export function pathUnder(path: string, pathColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(pathColumn)} <@ ${path}::ltree`;
}

/**
 * The area a list covers: the picked unit's subtree (the header's area picker), checked to lie
 * inside the caller's own — 404 otherwise — or, with nothing picked, the caller's whole area.
 */
export async function areaPath(db: Queryable, actor: Actor, orgUnitId: string | undefined): Promise<string> {
  return orgUnitId ? (await assertOrgUnitInScope(db, actor, orgUnitId)).path : actor.orgPath;
}

/** Throws 404 (never 403: existence must not leak) unless the unit is inside the actor's subtree. */
export async function assertOrgUnitInScope(db: Queryable, actor: Actor, orgUnitId: string): Promise<{ path: string; level: string }> {
  const unit = await db
    .selectFrom('org_units')
    .select(['path', 'level'])
    .where('id', '=', orgUnitId)
    .where(pathInScope(actor, 'path'))
    .executeTakeFirst();
  if (!unit) throw notFound('org unit');
  return unit;
}

export async function isOrgUnitInScope(db: Queryable, actor: Actor, orgUnitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_units')
    .select('id')
    .where('id', '=', orgUnitId)
    .where(pathInScope(actor, 'path'))
    .executeTakeFirst();
  return !!row;
}

/** The ltree label for an org unit id (ltree labels may not contain hyphens on PostgreSQL 15). */
export function pathLabel(orgUnitId: string): string {
  return orgUnitId.replaceAll('-', '');
}
