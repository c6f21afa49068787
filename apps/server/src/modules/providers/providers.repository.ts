import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Provider, Staff } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';

type Queryable = Kysely<Database> | Transaction<Database>;

/**
 * Which providers a caller may see: its own when it works for one, otherwise those serving any
 * part of its subtree (a community worker sees the district-wide provider that also serves it).
 */
export function providerInScope(actor: Actor, alias = 'p'): Expression<SqlBool> {
  if (actor.providerId) return sql<SqlBool>`${sql.ref(`${alias}.id`)} = ${actor.providerId}`;
  return sql<SqlBool>`(${sql.ref(`${alias}.covered_path`)} <@ ${actor.orgPath}::ltree or ${sql.ref(`${alias}.covered_path`)} @> ${actor.orgPath}::ltree)`;
}

export async function listProviders(db: Queryable, actor: Actor, ids?: string[]): Promise<Provider[]> {
  let q = db
    .selectFrom('providers as p')
    .innerJoin('org_units as u', 'u.id', 'p.covered_unit_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.trade', 'p.phone', 'p.covered_unit_id', 'u.name as covered_name', 'p.rating', 'p.active'])
    .select((eb) => eb.selectFrom('staff as s').whereRef('s.provider_id', '=', 'p.id').where('s.active', '=', true).select(eb.fn.countAll<string>().as('n')).as('staff_count'))
    .where(providerInScope(actor));
  if (ids) q = q.where('p.id', 'in', ids);
  const rows = await q.orderBy('p.name').execute();
  if (rows.length === 0) return [];
  const providerIds = rows.map((r) => r.id);
  const [items, teams] = await Promise.all([
    db.selectFrom('provider_items as pi').innerJoin('service_items as i', 'i.id', 'pi.item_id').select(['pi.provider_id', 'pi.item_id', 'i.name', 'pi.price_fen']).where('pi.provider_id', 'in', providerIds).orderBy('i.code').execute(),
    db.selectFrom('teams').select(['id', 'provider_id', 'name']).where('provider_id', 'in', providerIds).orderBy('name').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    trade: r.trade as Provider['trade'],
    phone: r.phone,
    coveredUnitId: r.covered_unit_id,
    coveredUnitName: r.covered_name,
    rating: Number(r.rating),
    active: r.active,
    items: items.filter((i) => i.provider_id === r.id).map((i) => ({ itemId: i.item_id, name: i.name, priceFen: i.price_fen })),
    teams: teams.filter((t) => t.provider_id === r.id).map((t) => ({ id: t.id, name: t.name })),
    staffCount: Number(r.staff_count ?? 0),
  }));
}

const staffColumns = ['s.id', 's.provider_id', 's.team_id', 's.user_id', 's.name', 's.skills', 's.base_lat', 's.base_lng', 's.work_start', 's.work_end', 's.on_duty', 's.open_orders'] as const;
type StaffRow = { id: string; provider_id: string; team_id: string | null; user_id: string | null; name: string; skills: string[]; base_lat: number; base_lng: number; work_start: string; work_end: string; on_duty: boolean; open_orders: number };

export function toStaff(r: StaffRow): Staff {
  return {
    id: r.id,
    providerId: r.provider_id,
    teamId: r.team_id,
    userId: r.user_id,
    name: r.name,
    skills: r.skills,
    base: { lat: r.base_lat, lng: r.base_lng },
    workStart: r.work_start.slice(0, 5),
    workEnd: r.work_end.slice(0, 5),
    onDuty: r.on_duty,
    openOrders: r.open_orders,
  };
}

export async function listStaff(db: Queryable, providerId: string) {
  const rows = await db.selectFrom('staff as s').select(staffColumns).where('s.provider_id', '=', providerId).where('s.active', '=', true).orderBy('s.name').execute();
  return rows.map(toStaff);
}

export async function findStaff(db: Queryable, id: string) {
  const r = await db.selectFrom('staff as s').select(staffColumns).where('s.id', '=', id).where('s.active', '=', true).executeTakeFirst();
  return r ? toStaff(r) : undefined;
}
