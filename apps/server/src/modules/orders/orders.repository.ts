import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DispatchExplanation, Order, OrderListQuery } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { costOf, EXCLUSION_REASONS, exclusionsOf, MAX_DISTANCE_M, type CandidateRow } from './orders.dispatch.js';
import { OPEN_STATES, type OrderState } from './orders.state.js';
import type { OrdersTable } from './orders.tables.js';

type Queryable = Kysely<Database> | Transaction<Database>;
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Which orders a caller may see: a family account its own elders'; a caregiver those assigned to
 * it; a provider account its provider's; everyone else the orders of elders in its org subtree.
 */
export function orderScope(actor: Actor, alias = 'o'): Expression<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  switch (actor.role) {
    case 'family':
      return actor.elderIds.length ? sql<SqlBool>`${col('elder_id')} in (${sql.join(actor.elderIds)})` : sql<SqlBool>`false`;
    case 'caregiver':
    case 'responder':
      return sql<SqlBool>`${col('staff_id')} = ${actor.staffId ?? NO_ID}`;
    case 'provider':
      return sql<SqlBool>`${col('provider_id')} = ${actor.providerId ?? NO_ID}`;
    case 'admin':
    case 'street':
    case 'community':
    case 'grid':
    case 'operator':
      return sql<SqlBool>`${col('org_path')} <@ ${actor.orgPath}::ltree`;
  }
}

export type OrderRow = Omit<OrdersTable, 'id' | 'number' | 'confirm_code_failures' | 'notes' | 'total_fen' | 'expected_minutes' | 'skills' | 'reject_count' | 'out_of_area' | 'too_short' | 'tasks_done' | 'review_tags' | 'created_at' | 'updated_at'> & {
  id: string;
  number: string;
  confirm_code_failures: number;
  notes: string;
  total_fen: number;
  expected_minutes: number;
  skills: string[];
  reject_count: number;
  out_of_area: boolean;
  too_short: boolean;
  tasks_done: string[];
  review_tags: string[];
  created_at: Date;
  updated_at: Date;
  org_path: string;
};

const baseSelect = (db: Queryable) => db.selectFrom('orders as o').selectAll('o').select(sql<string>`o.org_path::text`.as('org_path'));

export async function findOrder(db: Queryable, actor: Actor | null, id: string, opts: { forUpdate?: boolean } = {}): Promise<OrderRow | undefined> {
  let q = baseSelect(db).where('o.id', '=', id);
  if (actor) q = q.where(orderScope(actor));
  if (opts.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as OrderRow | undefined;
}

function localDayRange(date: string): [Date, Date] {
  const start = new Date(`${date}T00:00:00+08:00`);
  return [start, new Date(start.getTime() + 86_400_000)];
}

export type OrderQuery = ReturnType<typeof baseSelect>;

export async function listOrders(db: Queryable, actor: Actor, q: OrderListQuery, extra?: (qb: OrderQuery) => OrderQuery) {
  let base = baseSelect(db).where(orderScope(actor));
  if (q.elderId) base = base.where('o.elder_id', '=', q.elderId);
  if (q.providerId) base = base.where('o.provider_id', '=', q.providerId);
  if (q.staffId) base = base.where('o.staff_id', '=', q.staffId);
  if (q.date) {
    const [from, to] = localDayRange(q.date);
    base = base.where('o.window_start', '>=', from).where('o.window_start', '<', to);
  }
  if (extra) base = extra(base);
  const countsRows = await base.clearSelect().select(['o.state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('o.state').execute();
  const counts = Object.fromEntries(countsRows.map((r) => [r.state, Number(r.n)]));
  const states = q.state === undefined ? undefined : Array.isArray(q.state) ? q.state : [q.state];
  let page = base;
  if (states?.length) page = page.where('o.state', 'in', states);
  const total = states?.length ? states.reduce((s, st) => s + (counts[st] ?? 0), 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = (await page.orderBy('o.window_start', 'desc').orderBy('o.number', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute()) as OrderRow[];
  return { rows, total, counts };
}

/** Everything an order shows besides its own row: items with their checklists, provider, staff, photo. */
export async function hydrate(db: Queryable, rows: OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const providerIds = [...new Set(rows.map((r) => r.provider_id).filter((x): x is string => !!x))];
  const staffIds = [...new Set(rows.map((r) => r.staff_id).filter((x): x is string => !!x))];
  const [items, providers, staff, photos] = await Promise.all([
    db.selectFrom('order_items as oi').innerJoin('service_items as i', 'i.id', 'oi.item_id').select(['oi.order_id', 'oi.item_id', 'oi.name', 'oi.price_fen', 'i.tasks']).where('oi.order_id', 'in', ids).orderBy('i.code').execute(),
    providerIds.length ? db.selectFrom('providers').select(['id', 'name']).where('id', 'in', providerIds).execute() : [],
    staffIds.length ? db.selectFrom('staff').select(['id', 'name', 'phone']).where('id', 'in', staffIds).execute() : [],
    db.selectFrom('order_photos').select('order_id').where('order_id', 'in', ids).execute(),
  ]);
  const withPhoto = new Set(photos.map((p) => p.order_id));
  return rows.map((r) => {
    const s = staff.find((x) => x.id === r.staff_id);
    return {
      id: r.id,
      number: String(r.number),
      state: r.state,
      elderId: r.elder_id,
      elderName: r.elder_name,
      orgUnitId: r.org_unit_id,
      address: r.address,
      location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
      source: r.source,
      payer: r.payer,
      window: { start: r.window_start.toISOString(), end: r.window_end.toISOString() },
      notes: r.notes,
      totalFen: r.total_fen,
      expectedMinutes: r.expected_minutes,
      items: items.filter((i) => i.order_id === r.id).map((i) => ({ itemId: i.item_id, name: i.name, priceFen: i.price_fen, tasks: i.tasks })),
      providerId: r.provider_id,
      providerName: providers.find((p) => p.id === r.provider_id)?.name ?? null,
      staffId: r.staff_id,
      staffName: s?.name ?? null,
      staffPhone: s?.phone ?? null,
      planId: r.plan_id,
      visit: {
        checkInAt: r.check_in_at?.toISOString() ?? null,
        checkOutAt: r.check_out_at?.toISOString() ?? null,
        checkInDistanceM: r.check_in_distance_m,
        checkOutDistanceM: r.check_out_distance_m,
        outOfArea: r.out_of_area,
        durationMinutes: r.duration_minutes,
        tooShort: r.too_short,
        tasksDone: r.tasks_done,
        hasPhoto: withPhoto.has(r.id),
      },
      confirmedBy: r.confirmed_by,
      review: r.rating !== null ? { rating: r.rating, tags: r.review_tags, comment: r.review_comment } : null,
      createdAt: r.created_at.toISOString(),
    };
  });
}

export async function timeline(db: Queryable, orderId: string) {
  const rows = await db.selectFrom('order_timeline').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map((t) => ({ action: t.action, fromState: t.from_state, toState: t.to_state, actorName: t.actor_name, actorRole: t.actor_role, reason: t.reason, details: t.details ?? null, at: t.at.toISOString() }));
}

export function explanationOf(r: OrderRow): DispatchExplanation | null {
  const e = r.dispatch_explanation;
  if (!e) return null;
  return (typeof e === 'string' ? JSON.parse(e) : e) as DispatchExplanation;
}

export interface DispatchRequest {
  orderId: string;
  itemIds: string[];
  skills: string[];
  orgPath: string;
  lat: number;
  lng: number;
  windowStart: Date;
  windowEnd: Date;
  excludeStaffIds?: string[];
  onlyProviderId?: string;
  onlyStaffId?: string;
}

/**
 * Everyone who could be sent, with each hard rule evaluated, cheapest first.
 *
 * The cost grows by 0.5 a km, so nobody farther than 2 × (best cost) km can beat the best
 * candidate found nearer. The search therefore looks within a small radius first (using the gist
 * index on the staff bases) and widens only when the best cost found there could still be beaten
 * from outside it: exact, but it touches a few hundred staff instead of every one in the district.
 */
export async function dispatchCandidates(db: Queryable, r: DispatchRequest, limit = 8) {
  let radiusM = r.onlyStaffId ? MAX_DISTANCE_M : FIRST_RADIUS_M;
  for (;;) {
    const found = await candidatesWithin(db, r, radiusM, limit);
    const best = found.eligible[0];
    const boundM = best ? costOf(best) * 2000 : Infinity;
    if (radiusM >= MAX_DISTANCE_M || boundM <= radiusM) return { ...found, radiusM };
    radiusM = Math.min(MAX_DISTANCE_M, Math.max(radiusM * 3, Number.isFinite(boundM) ? boundM : 0));
  }
}

const FIRST_RADIUS_M = 1_500;

async function candidatesWithin(db: Queryable, r: DispatchRequest, radiusM: number, limit: number) {
  return candidatesFrom(await candidateQuery(r, radiusM, limit).execute(db));
}

type CandidateSqlRow = {
  staff_id: string; staff_name: string; provider_id: string; provider_name: string; rating: string; open_orders: number; distance_m: number;
  has_skills: boolean; on_duty: boolean; in_hours: boolean; busy: boolean; considered: string; missing_skills: string; off_duty: string; outside_hours: string; busy_n: string;
};

/** The candidate query for one radius (exported so the benchmark can EXPLAIN it). */
export function candidateQuery(r: DispatchRequest, radiusM: number, limit: number) {
  const open = sql.join(OPEN_STATES.map((s) => sql`${s}`));
  const excluded = r.excludeStaffIds?.length ? r.excludeStaffIds : [NO_ID];
  // Working hours are local; China keeps +08:00 all year, so the shift is a constant and the
  // database need not convert time zones for every staff row.
  const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString();
  const sameDay = local(r.windowStart).slice(0, 10) === local(new Date(r.windowEnd.getTime() - 1)).slice(0, 10);
  const localStart = local(r.windowStart).slice(11, 19);
  const localEnd = local(new Date(r.windowEnd.getTime() - 1)).slice(11, 19);
  return sql<CandidateSqlRow>`
    with eligible_providers as (
      select p.id, p.name, p.rating from providers p
      where p.active and p.covered_path @> ${r.orgPath}::ltree
        ${r.onlyProviderId ? sql`and p.id = ${r.onlyProviderId}` : sql``}
        and (select count(*) from provider_items pi where pi.provider_id = p.id and pi.item_id = any(${r.itemIds}::uuid[])) = ${r.itemIds.length}
    ),
    c as materialized (
      select s.id as staff_id, s.name as staff_name, s.provider_id, s.open_orders,
        earth_distance(s.base_earth, ll_to_earth(${r.lat}, ${r.lng})) as distance_m,
        s.skills @> ${r.skills}::text[] as has_skills,
        s.on_duty,
        (${sameDay} and s.work_start <= ${localStart}::time and s.work_end >= ${localEnd}::time) as in_hours
      from staff s
      -- One scan of the staff gist for all covering providers, not one per provider.
      where s.provider_id = any(array(select id from eligible_providers))
        and s.active
        and earth_box(ll_to_earth(${r.lat}, ${r.lng}), ${radiusM}::float8) @> s.base_earth
        and s.id <> all(${excluded}::uuid[])
        ${r.onlyStaffId ? sql`and s.id = ${r.onlyStaffId}` : sql``}
    ),
    judged as materialized (
      select c.*, p.name as provider_name, p.rating,
        case when c.has_skills and c.on_duty and c.in_hours then exists (
          select 1 from orders o where o.staff_id = c.staff_id and o.state in (${open}) and o.id <> ${r.orderId}
            and o.window_start < ${r.windowEnd} and o.window_end > ${r.windowStart}
        ) else false end as busy
      from c
      join eligible_providers p on p.id = c.provider_id
      where c.distance_m <= ${radiusM}
    ),
    summary as (
      select count(*) as considered,
        count(*) filter (where not has_skills) as missing_skills,
        count(*) filter (where not on_duty) as off_duty,
        count(*) filter (where not in_hours) as outside_hours,
        count(*) filter (where busy) as busy_n
      from judged
    )
    select j.*, s.* from summary s
    left join lateral (
      select * from judged
      ${r.onlyStaffId ? sql`` : sql`where has_skills and on_duty and in_hours and not busy`}
      order by open_orders * 1.0 + distance_m / 2000.0 + (5 - rating) * 1.0, distance_m
      limit ${limit}
    ) j on true`;
}

function candidatesFrom(result: { rows: CandidateSqlRow[] }) {
  const first = result.rows[0];
  const excludedCounts: Record<string, number> = Object.fromEntries(EXCLUSION_REASONS.map((k) => [k, 0]));
  if (first) {
    excludedCounts.missing_skills = Number(first.missing_skills);
    excludedCounts.off_duty = Number(first.off_duty);
    excludedCounts.outside_hours = Number(first.outside_hours);
    excludedCounts.busy = Number(first.busy_n);
  }
  const ranked: CandidateRow[] = result.rows
    .filter((x) => x.staff_id)
    .map((x) => ({
      staffId: x.staff_id,
      staffName: x.staff_name,
      providerId: x.provider_id,
      providerName: x.provider_name,
      rating: Number(x.rating),
      openOrders: x.open_orders,
      distanceM: Number(x.distance_m),
      hasSkills: x.has_skills,
      onDuty: x.on_duty,
      inHours: x.in_hours,
      busy: x.busy,
    }))
    .sort((a, b) => costOf(a) - costOf(b) || a.distanceM - b.distanceM);
  return { considered: Number(first?.considered ?? 0), excluded: excludedCounts, ranked, eligible: ranked.filter((c) => exclusionsOf(c).length === 0) };
}

export async function adjustLoad(db: Queryable, changes: { staffId: string; delta: 1 | -1 }[]) {
  for (const c of changes) {
    await db.updateTable('staff').set((eb) => ({ open_orders: sql`greatest(0, ${eb.ref('open_orders')} + ${c.delta})` })).where('id', '=', c.staffId).execute();
  }
}

export async function settings(db: Queryable) {
  const s = await db.selectFrom('order_settings').selectAll().executeTakeFirstOrThrow();
  return {
    acceptWithinMinutes: s.accept_within_minutes,
    startGraceMinutes: s.start_grace_minutes,
    autoRedispatch: s.auto_redispatch,
    geofenceRadiusM: s.geofence_radius_m,
    minDurationRatio: Number(s.min_duration_ratio),
    callbackShare: Number(s.callback_share),
  };
}

export type { OrderState };
