import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Alarm, AlarmKind, AlarmState, Responder } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { inOrgScope } from '../../platform/scope.js';

type Queryable = Kysely<Database> | Transaction<Database>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const seconds = (from: Date | string, to: Date | string | null) => (to === null ? null : Math.round((new Date(to).getTime() - new Date(from).getTime()) / 100) / 10);

function alarmQuery(db: Queryable) {
  return db
    .selectFrom('alarms as a')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .leftJoin('elders as e', 'e.id', 'a.elder_id')
    .leftJoin('users as cu', 'cu.id', 'a.claimed_by')
    .leftJoin('responders as r', 'r.id', 'a.responder_id')
    .selectAll('a')
    .select(['o.name as org_unit_name', sql<string>`o.path::text`.as('org_path'), 'e.name as elder_name', 'cu.display_name as claimed_by_name', 'r.name as responder_name', 'r.phone as responder_phone']);
}

export type AlarmRow = Awaited<ReturnType<ReturnType<typeof alarmQuery>['executeTakeFirstOrThrow']>>;

export function toAlarm(r: AlarmRow): Alarm {
  return {
    id: r.id,
    kind: r.kind,
    priority: r.priority,
    state: r.state,
    deviceId: r.device_id,
    elderId: r.elder_id,
    elderName: r.elder_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    position: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    eventCount: r.event_count,
    openedAt: iso(r.opened_at)!,
    lastEventAt: iso(r.last_event_at)!,
    claimedAt: iso(r.claimed_at),
    claimedBy: r.claimed_by ? { id: r.claimed_by, name: r.claimed_by_name ?? '' } : null,
    responder: r.responder_id ? { id: r.responder_id, name: r.responder_name ?? '', phone: r.responder_phone } : null,
    dispatchedAt: iso(r.dispatched_at),
    enRouteAt: iso(r.en_route_at),
    arrivedAt: iso(r.arrived_at),
    closedAt: iso(r.closed_at),
    outcome: r.outcome,
    timeToClaimSeconds: seconds(r.opened_at, r.claimed_at),
    timeToArrivalSeconds: seconds(r.opened_at, r.arrived_at),
    claimBreached: r.claim_breached_at !== null,
    arrivalBreached: r.arrival_breached_at !== null,
  };
}

/**
 * Alarms the actor may see: its org subtree; a responder who does not handle alarms sees only
 * those assigned to it.
 */
function scoped(db: Queryable, actor: Actor) {
  let q = alarmQuery(db).where(inOrgScope(actor, 'a.org_unit_id'));
  if (actor.permissions.has('alarms.respond') && !actor.permissions.has('alarms.handle')) {
    q = actor.responderId ? q.where('a.responder_id', '=', actor.responderId) : q.where(sql<boolean>`false`);
  }
  return q;
}

export async function listQueue(db: Queryable, actor: Actor, view: 'live' | 'closed', limit: number, elderId?: string) {
  const q = elderId ? scoped(db, actor).where('a.elder_id', '=', elderId) : scoped(db, actor);
  const rows =
    view === 'live'
      ? await q.where('a.state', '<>', 'closed').orderBy('a.priority').orderBy('a.opened_at').limit(limit).execute()
      : await q.where('a.state', '=', 'closed').orderBy('a.closed_at', 'desc').limit(limit).execute();
  return rows.map(toAlarm);
}

export async function findInScope(db: Queryable, actor: Actor, id: string) {
  return scoped(db, actor).where('a.id', '=', id).executeTakeFirst();
}

/** For timers and ingestion, which act for the system rather than a caller. */
export async function findById(db: Queryable, id: string) {
  return alarmQuery(db).where('a.id', '=', id).executeTakeFirst();
}

/**
 * Opens an alarm, or joins the live one of the same kind from the same device (repeated presses).
 * One statement on the partial unique index, so two presses arriving together still make one alarm.
 */
export async function openOrJoin(
  db: Queryable,
  a: { kind: AlarmKind; priority: number; deviceId: string; elderId: string | null; orgUnitId: string; lat: number | null; lng: number | null },
) {
  const { rows } = await sql<{ id: string; opened: boolean; state: AlarmState; opened_at: Date }>`
    insert into alarms (kind, priority, device_id, elder_id, org_unit_id, lat, lng)
    values (${a.kind}, ${a.priority}, ${a.deviceId}, ${a.elderId}, ${a.orgUnitId}, ${a.lat}, ${a.lng})
    on conflict (device_id, kind) where state <> 'closed' do update
      set event_count = alarms.event_count + 1, last_event_at = now(), updated_at = now(),
          lat = coalesce(excluded.lat, alarms.lat), lng = coalesce(excluded.lng, alarms.lng)
    returning id, (xmax = 0) as opened, state, opened_at`.execute(db);
  return rows[0]!;
}

/** The conditional update every transition goes through: it only applies if nobody moved first. */
export async function updateIfState(db: Queryable, id: string, expected: AlarmState, patch: Updateable<Database['alarms']>) {
  const res = await db
    .updateTable('alarms')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function addTimeline(db: Queryable, alarmId: string, entry: string, actor: { userId: string; displayName: string } | null, details: Record<string, unknown> = {}) {
  await db
    .insertInto('alarm_timeline')
    .values({ alarm_id: alarmId, entry, actor_user_id: actor?.userId ?? null, actor_name: actor?.displayName ?? null, details: JSON.stringify(details) })
    .execute();
}

export async function timeline(db: Queryable, alarmId: string) {
  const rows = await db.selectFrom('alarm_timeline').selectAll().where('alarm_id', '=', alarmId).orderBy('id').execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: iso(r.at)!,
    entry: r.entry,
    actorName: r.actor_name,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
  }));
}

const responderColumns = (db: Queryable) =>
  db
    .selectFrom('responders as r')
    .innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
    .select(['r.id', 'r.name', 'r.phone', 'r.org_unit_id', 'r.on_duty', 'r.lat', 'r.lng', 'o.name as org_unit_name'])
    .select(sql<boolean>`exists (select 1 from alarms b where b.responder_id = r.id and b.state = 'dispatched')`.as('busy'));

type ResponderRow = Awaited<ReturnType<ReturnType<typeof responderColumns>['executeTakeFirstOrThrow']>> & { distance_m?: number | null };

export function toResponder(r: ResponderRow): Responder {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    onDuty: r.on_duty,
    position: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    busy: Boolean(r.busy),
    ...(r.distance_m !== undefined ? { distanceM: r.distance_m === null ? null : Math.round(Number(r.distance_m)) } : {}),
  };
}

export async function listResponders(db: Queryable, actor: Actor) {
  const rows = await responderColumns(db).where(inOrgScope(actor, 'r.org_unit_id')).orderBy('o.path').orderBy('r.name').limit(1000).execute();
  return rows.map(toResponder);
}

export async function findResponder(db: Queryable, actor: Actor | null, id: string) {
  let q = responderColumns(db).where('r.id', '=', id);
  if (actor) q = q.where(inOrgScope(actor, 'r.org_unit_id'));
  const row = await q.executeTakeFirst();
  return row ? toResponder(row) : undefined;
}

/**
 * Available responders (on duty, not on another dispatched alarm) nearest to a point, by
 * great-circle distance (earthdistance). `within` limits them to an org subtree (the caller's).
 */
export async function nearestAvailable(db: Queryable, at: { lat: number; lng: number }, opts: { withinPath: string | null; exclude?: string[]; limit: number }) {
  let q = responderColumns(db)
    .select(sql<number>`earth_distance(ll_to_earth(${at.lat}, ${at.lng}), ll_to_earth(r.lat, r.lng))`.as('distance_m'))
    .where('r.on_duty', '=', true)
    .where('r.lat', 'is not', null)
    .where(sql<boolean>`not exists (select 1 from alarms b where b.responder_id = r.id and b.state = 'dispatched')`);
  if (opts.withinPath) q = q.where(sql<boolean>`o.path <@ ${opts.withinPath}::ltree`);
  if (opts.exclude?.length) q = q.where('r.id', 'not in', opts.exclude);
  const rows = await q.orderBy('distance_m').limit(opts.limit).execute();
  return rows.map(toResponder);
}

export async function userIdsOfResponder(db: Queryable, responderId: string) {
  const rows = await db.selectFrom('users').select('id').where('responder_id', '=', responderId).where('disabled', '=', false).execute();
  return rows.map((r) => r.id);
}

/** Today (Asia/Shanghai) in the caller's area: counts and the share of arrivals within the target. */
export async function todayStats(db: Queryable, actor: Actor, targetSeconds: number) {
  const dayStart = sql`(date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`;
  const { rows } = await sql<{
    day: string; opened: string; closed: string; live: string; false_alarms: string; arrivals: string; within: string;
    median_claim: number | null; median_arrival: number | null;
  }>`
    select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
      count(*) filter (where a.opened_at >= ${dayStart}) as opened,
      count(*) filter (where a.closed_at >= ${dayStart}) as closed,
      count(*) filter (where a.state <> 'closed') as live,
      count(*) filter (where a.closed_at >= ${dayStart} and a.outcome = 'false_alarm') as false_alarms,
      count(*) filter (where a.arrived_at >= ${dayStart}) as arrivals,
      count(*) filter (where a.arrived_at >= ${dayStart} and a.arrived_at - a.opened_at <= make_interval(secs => ${targetSeconds})) as within,
      percentile_cont(0.5) within group (order by extract(epoch from a.claimed_at - a.opened_at)) filter (where a.claimed_at >= ${dayStart}) as median_claim,
      percentile_cont(0.5) within group (order by extract(epoch from a.arrived_at - a.opened_at)) filter (where a.arrived_at >= ${dayStart}) as median_arrival
    from alarms a
    where (a.state <> 'closed' or a.opened_at >= ${dayStart} - interval '2 days')
      and a.org_unit_id in (select id from org_units where path <@ ${actor.orgPath}::ltree)`.execute(db);
  const byKindRows = await sql<{ kind: string; n: string }>`
    select kind, count(*) as n from alarms
    where opened_at >= ${dayStart} and org_unit_id in (select id from org_units where path <@ ${actor.orgPath}::ltree)
    group by kind`.execute(db);
  const r = rows[0]!;
  const arrivals = Number(r.arrivals);
  const within = Number(r.within);
  return {
    day: r.day,
    opened: Number(r.opened),
    closed: Number(r.closed),
    live: Number(r.live),
    falseAlarms: Number(r.false_alarms),
    byKind: Object.fromEntries(byKindRows.rows.map((k) => [k.kind, Number(k.n)])),
    arrivals,
    arrivalsWithin15Min: within,
    shareWithin15Min: arrivals ? Math.round((within / arrivals) * 1000) / 1000 : null,
    medianTimeToClaimSeconds: r.median_claim === null ? null : Math.round(Number(r.median_claim)),
    medianTimeToArrivalSeconds: r.median_arrival === null ? null : Math.round(Number(r.median_arrival)),
  };
}
