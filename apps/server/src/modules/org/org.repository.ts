import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgLevel, OrgUnit } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { pathInScope, pathLabel } from '../../platform/scope.js';
import { levelIndex } from './org.tree.js';

type Queryable = Kysely<Database> | Transaction<Database>;

const columns = ['id', 'name', 'level', 'parent_id', 'code', 'lat', 'lng', sql<string>`path::text`.as('path')] as const;

type Row = { id: string; name: string; level: OrgLevel; parent_id: string | null; code: string | null; lat: number | null; lng: number | null; path: string };

export function toOrgUnit(r: Row): OrgUnit {
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    parentId: r.parent_id,
    code: r.code,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
  };
}

export async function listInScope(db: Queryable, actor: Actor, opts: { rootPath?: string; maxLevel?: OrgLevel }) {
  let q = db.selectFrom('org_units').select(columns).where(pathInScope(actor, 'path'));
  if (opts.rootPath) q = q.where(sql<boolean>`path <@ ${opts.rootPath}::ltree`);
  if (opts.maxLevel) {
    const allowed = (['district', 'street', 'community', 'grid', 'compound'] as const).filter(
      (l) => levelIndex(l) <= levelIndex(opts.maxLevel as OrgLevel),
    );
    q = q.where('level', 'in', allowed);
  }
  return (await q.orderBy('path').execute()) as Row[];
}

export async function findInScope(db: Queryable, actor: Actor, id: string) {
  return (await db
    .selectFrom('org_units')
    .select(columns)
    .where('id', '=', id)
    .where(pathInScope(actor, 'path'))
    .executeTakeFirst()) as Row | undefined;
}

export async function insertUnit(
  db: Queryable,
  u: { id: string; parentId: string | null; parentPath: string | null; name: string; level: OrgLevel; code?: string | null; lat?: number | null; lng?: number | null },
) {
  const path = u.parentPath ? `${u.parentPath}.${pathLabel(u.id)}` : pathLabel(u.id);
  await db
    .insertInto('org_units')
    .values({ id: u.id, parent_id: u.parentId, name: u.name, level: u.level, path, code: u.code ?? null, lat: u.lat ?? null, lng: u.lng ?? null })
    .execute();
  return path;
}

export async function siblingNameTaken(db: Queryable, parentId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('org_units').select('id').where('parent_id', '=', parentId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function updateUnit(db: Queryable, id: string, patch: { name?: string; lat?: number | null; lng?: number | null }) {
  await db.updateTable('org_units').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Re-roots a whole subtree in one statement; records point at units by id, so nothing else moves. */
export async function moveSubtree(db: Queryable, id: string, oldPath: string, newParentId: string, newParentPath: string) {
  await sql`update org_units
    set path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1), updated_at = now()
    where path <@ ${oldPath}::ltree`.execute(db);
  await db.updateTable('org_units').set({ parent_id: newParentId }).where('id', '=', id).execute();
}
