import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ElderFilters } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { lookupHash, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { elderVisibleTo, seesOrgSubtree } from './elders.access.js';
import { birthDateBounds, escapeLike, interpretSearch, phoneSpellings } from './elders.search.js';

export type Queryable = Kysely<Database> | Transaction<Database>;

/**
 * How far a list counts: five pages beyond the one asked for. An exact count of a broad filter over
 * a million elders costs ten times the page itself; "120+" keeps the next pages reachable and
 * tells the user to narrow the filter. (District-wide figures are the statistics module's job.)
 */
export function countCap(page: number, pageSize: number): number {
  return Math.min(10_000, (page + 5) * pageSize);
}

const listColumns = [
  'e.id', 'e.name', 'e.id_number_masked', 'e.sex', 'e.birth_date', 'e.phone_masked', 'e.org_unit_id', 'o.name as org_unit_name',
  'e.address', 'e.lat', 'e.lng', 'e.living_situation', 'e.categories', 'e.care_level', 'e.care_tier', 'e.emergency_contacts',
  'e.status', 'e.status_changed_at', 'e.created_at', 'e.updated_at',
] as const;

function visible(db: Queryable, actor: Actor) {
  return db.selectFrom('elders as e').innerJoin('org_units as o', 'o.id', 'e.org_unit_id').where(elderVisibleTo(actor));
}

/**
 * The area condition of a list: the caller's visibility narrowed to the picked unit's subtree.
 * The subtree is resolved to unit ids first (a district has about a thousand): given
 * `org_unit_id in (select … where path <@ …)`, the planner cannot know how much of the district
 * the path covers, guesses a handful of units, and walks elders unit by unit — 100× slower on
 * a million elders than filtering by a known list.
 */
export async function areaCondition(db: Queryable, actor: Actor, orgUnitId: string | undefined): Promise<Expression<SqlBool>> {
  const subtree = seesOrgSubtree(actor) || orgUnitId;
  if (!subtree) return elderVisibleTo(actor);
  let q = db.selectFrom('org_units').select('id').where(sql<SqlBool>`path <@ ${actor.orgPath}::ltree`);
  if (orgUnitId) q = q.where(sql<SqlBool>`path <@ (select path from org_units where id = ${orgUnitId})`);
  const ids = (await q.execute()).map((r) => r.id);
  const inUnits = sql<SqlBool>`e.org_unit_id = any(${ids}::uuid[])`;
  return seesOrgSubtree(actor) ? inUnits : sql<SqlBool>`(${elderVisibleTo(actor)} and ${inUnits})`;
}

function listed(db: Queryable, area: Expression<SqlBool>) {
  return db.selectFrom('elders as e').innerJoin('org_units as o', 'o.id', 'e.org_unit_id').where(area);
}

export type ElderListRow = Awaited<ReturnType<typeof listPage>>['rows'][number];

/** The WHERE conditions of a list, search or export, besides visibility. */
export function filterConditions(keys: FieldKeys, f: ElderFilters, today = new Date()): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  const search = f.q ? interpretSearch(f.q) : null;
  if (search) {
    switch (search.kind) {
      case 'id_number':
        where.push(sql<SqlBool>`e.id_number_hash = ${lookupHash(keys, 'id_number', search.value)}`);
        break;
      case 'phone':
        where.push(sql<SqlBool>`e.phone_hash = any(${phoneSpellings(search.value).map((p) => lookupHash(keys, 'phone', p))}::text[])`);
        break;
      case 'initials':
        where.push(sql<SqlBool>`e.name_initials like ${`${escapeLike(search.value)}%`}`);
        break;
      case 'name': {
        const v = escapeLike(search.value);
        // One or two characters are too short for trigrams: match the surname or given-name
        // prefix through btree indexes; longer text matches anywhere through the trigram index.
        if (search.value.length === 1) where.push(sql<SqlBool>`e.name like ${`${v}%`}`);
        else if (search.value.length === 2) where.push(sql<SqlBool>`(e.name like ${`${v}%`} or substr(e.name, 2) like ${`${v}%`})`);
        else where.push(sql<SqlBool>`e.name like ${`%${v}%`}`);
        break;
      }
      default: {
        const unknown: never = search;
        throw new Error(`unhandled search ${JSON.stringify(unknown)}`);
      }
    }
  }
  if (f.category?.length) where.push(sql<SqlBool>`e.categories && ${sql.val(f.category)}::text[]`);
  if (f.livingSituation?.length) where.push(sql<SqlBool>`e.living_situation && ${sql.val(f.livingSituation)}::text[]`);
  if (f.careLevel?.length) where.push(sql<SqlBool>`e.care_level in (${sql.join(f.careLevel)})`);
  if (f.status?.length) where.push(sql<SqlBool>`e.status in (${sql.join(f.status)})`);
  const { bornOnOrBefore, bornAfter } = birthDateBounds(today, f.ageMin, f.ageMax);
  if (bornOnOrBefore) where.push(sql<SqlBool>`e.birth_date <= ${bornOnOrBefore}::date`);
  if (bornAfter) where.push(sql<SqlBool>`e.birth_date > ${bornAfter}::date`);
  return where;
}

/** Each sort as its column and direction, then the id to break ties (a stable order for paging). */
const SORTS = {
  name: { column: 'name', dir: 'asc', idDir: 'asc' },
  '-name': { column: 'name', dir: 'desc', idDir: 'desc' },
  age: { column: 'birth_date', dir: 'desc', idDir: 'asc' },
  '-age': { column: 'birth_date', dir: 'asc', idDir: 'asc' },
  createdAt: { column: 'created_at', dir: 'asc', idDir: 'asc' },
  '-createdAt': { column: 'created_at', dir: 'desc', idDir: 'asc' },
} as const satisfies Record<ElderFilters['sort'], { column: 'name' | 'birth_date' | 'created_at'; dir: 'asc' | 'desc'; idDir: 'asc' | 'desc' }>;

function orderOf(sort: ElderFilters['sort']) {
  const s = SORTS[sort];
  return sql`${sql.ref(`e.${s.column}`)} ${sql.raw(s.dir)}, e.id ${sql.raw(s.idDir)}`;
}

/** Rows after `last` in the sort's order (keyset paging: each batch costs the same however deep). */
function after(sort: ElderFilters['sort'], last: { value: unknown; id: string }): Expression<SqlBool> {
  const s = SORTS[sort];
  const col = sql.ref(`e.${s.column}`);
  const beyond = sql.raw(s.dir === 'asc' ? '>' : '<');
  const reached = sql.raw(s.dir === 'asc' ? '>=' : '<=');
  const idBeyond = sql.raw(s.idDir === 'asc' ? '>' : '<');
  // The first condition is what an index can start from; the `or` alone would make every batch
  // walk the index from the beginning (quadratic over a large export).
  return sql<SqlBool>`(${col} ${reached} ${last.value} and (${col} ${beyond} ${last.value} or e.id ${idBeyond} ${last.id}))`;
}

export async function listPage(db: Queryable, area: Expression<SqlBool>, where: Expression<SqlBool>[], sort: ElderFilters['sort'], page: number, pageSize: number) {
  const base = () => where.reduce((q, w) => q.where(w), listed(db, area));
  // Ids first, then the rows: finding the page walks the name index alone (it carries every filter
  // column), where selecting the full rows would fetch each candidate from the table on the way.
  const cap = countCap(page, pageSize);
  // The page and the count run side by side (separate connections on PostgreSQL). The count has no
  // order: it walks the filter index (elders_list_filter_idx) instead of the name order, where a
  // selective filter would read thousands of names per match.
  const [idRows, n] = await Promise.all([
    base().select('e.id').orderBy(orderOf(sort)).limit(pageSize).offset((page - 1) * pageSize).execute(),
    countCapped(db, area, where, cap),
  ]);
  const ids = idRows.map((r) => r.id);
  const found = ids.length ? await listed(db, sql<SqlBool>`true`).select(listColumns).where('e.id', 'in', ids).execute() : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)!).filter(Boolean);
  return { rows, total: Math.min(n, cap), totalCapped: n > cap };
}

/** Streams every matching row in batches (export), in the list's order. */
export async function* listAll(db: Queryable, area: Expression<SqlBool>, where: Expression<SqlBool>[], sort: ElderFilters['sort'], batch = 2000) {
  // The cursor is the sort column as PostgreSQL prints it: a JS Date would drop created_at's
  // microseconds and repeat or skip rows at a batch boundary.
  const sortKey = sql<string>`${sql.ref(`e.${SORTS[sort].column}`)}::text`.as('sort_key');
  let last: { value: unknown; id: string } | undefined;
  for (;;) {
    const conditions = last ? [...where, after(sort, last)] : where;
    const rows = await conditions
      .reduce((q, w) => q.where(w), listed(db, area))
      .select([...listColumns, 'e.id_number_enc', 'e.phone_enc', sortKey])
      .orderBy(orderOf(sort))
      .limit(batch)
      .execute();
    if (rows.length) yield rows;
    if (rows.length < batch) return;
    const tail = rows.at(-1)!;
    last = { value: tail.sort_key, id: tail.id };
  }
}

/**
 * Holds the elder's row until the transaction ends, for a change decided on what was read: two
 * arriving together would each decide on the state before the other (a death then overwritten by
 * a move-out, the earlier of two assessments setting the care level).
 */
export async function lockElder(db: Queryable, id: string) {
  await db.selectFrom('elders').select('id').where('id', '=', id).forUpdate().execute();
}

export async function findVisible(db: Queryable, actor: Actor, id: string) {
  return visible(db, actor)
    .select([...listColumns, 'e.household_members', 'e.status_note', 'e.id_number_enc', 'e.phone_enc', 'e.id_number_hash', 'o.path as org_path'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}
export type ElderDetailRow = NonNullable<Awaited<ReturnType<typeof findVisible>>>;

/** Any elder with this ID number in the whole district (duplicate check; scope is applied by the caller). */
export async function findByIdNumberHash(db: Queryable, hash: string) {
  return db.selectFrom('elders').select(['id', 'org_unit_id']).where('id_number_hash', '=', hash).executeTakeFirst();
}

export async function isVisible(db: Queryable, actor: Actor, id: string) {
  return !!(await visible(db, actor).select('e.id').where('e.id', '=', id).executeTakeFirst());
}

export async function countCapped(db: Queryable, area: Expression<SqlBool>, where: Expression<SqlBool>[], cap: number) {
  const base = where.reduce((q, w) => q.where(w), listed(db, area));
  const counted = await db
    .selectFrom(base.select(sql<number>`1`.as('one')).limit(cap + 1).as('t'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}
