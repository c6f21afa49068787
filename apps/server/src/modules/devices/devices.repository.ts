import { sql, type Kysely, type Transaction } from 'kysely';
import type { Device, DeviceEventType } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { inOrgScope } from '../../platform/scope.js';

type Queryable = Kysely<Database> | Transaction<Database>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function deviceQuery(db: Queryable) {
  return db
    .selectFrom('devices as d')
    .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
    .leftJoin('elders as e', 'e.id', 'd.elder_id')
    .select([
      'd.id', 'd.device_id', 'd.kind', 'd.bound_to', 'd.elder_id', 'd.household_address', 'd.org_unit_id', 'd.label', 'd.status',
      'd.battery_percent', 'd.last_heartbeat_at', 'd.last_event_at', 'd.heartbeat_interval_seconds', 'd.geofence_lat', 'd.geofence_lng',
      'd.geofence_radius_m', 'o.name as org_unit_name', 'e.name as elder_name',
    ]);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceQuery>['executeTakeFirstOrThrow']>>;

export function toDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    deviceId: r.device_id,
    kind: r.kind,
    boundTo: r.bound_to,
    elderId: r.elder_id,
    elderName: r.elder_name,
    householdAddress: r.household_address,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    label: r.label,
    status: r.status,
    batteryPercent: r.battery_percent,
    lastHeartbeatAt: iso(r.last_heartbeat_at),
    lastEventAt: iso(r.last_event_at),
    heartbeatIntervalSeconds: r.heartbeat_interval_seconds,
    geofence: r.geofence_lat !== null && r.geofence_lng !== null && r.geofence_radius_m !== null ? { lat: r.geofence_lat, lng: r.geofence_lng, radiusM: r.geofence_radius_m } : null,
  };
}

export async function listInScope(db: Queryable, actor: Actor, q: { page: number; pageSize: number; kind?: string | undefined; elderId?: string | undefined; silent?: boolean }) {
  let base = deviceQuery(db).where(inOrgScope(actor, 'd.org_unit_id'));
  if (q.kind) base = base.where('d.kind', '=', q.kind as Device['kind']);
  if (q.elderId) base = base.where('d.elder_id', '=', q.elderId);
  if (q.silent) base = base.where(sql<boolean>`coalesce(d.last_heartbeat_at, d.created_at) < now() - make_interval(secs => d.heartbeat_interval_seconds * 2)`);
  const [rows, count] = await Promise.all([
    base.orderBy('d.device_id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDevice), total: Number(count.n) };
}

export async function findInScope(db: Queryable, actor: Actor, id: string) {
  const row = await deviceQuery(db).where('d.id', '=', id).where(inOrgScope(actor, 'd.org_unit_id')).executeTakeFirst();
  return row ? toDevice(row) : undefined;
}

/** What ingestion needs to verify and route an event: the secret, the binding, and where home is. */
export interface DeviceForIngest {
  id: string;
  deviceId: string;
  kind: Device['kind'];
  status: Device['status'];
  secretEnc: string;
  elderId: string | null;
  orgUnitId: string;
  orgPath: string;
  home: { lat: number; lng: number } | null;
  geofence: { lat: number; lng: number; radiusM: number } | null;
}

export async function findForIngest(db: Queryable, deviceId: string): Promise<DeviceForIngest | undefined> {
  const r = await db
    .selectFrom('devices as d')
    .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
    .leftJoin('elders as e', 'e.id', 'd.elder_id')
    .select(['d.id', 'd.device_id', 'd.kind', 'd.status', 'd.secret_enc', 'd.elder_id', 'd.org_unit_id', 'd.geofence_lat', 'd.geofence_lng', 'd.geofence_radius_m'])
    .select([sql<string>`o.path::text`.as('org_path'), sql<number | null>`coalesce(e.lat, o.lat)`.as('home_lat'), sql<number | null>`coalesce(e.lng, o.lng)`.as('home_lng')])
    .where('d.device_id', '=', deviceId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    deviceId: r.device_id,
    kind: r.kind,
    status: r.status,
    secretEnc: r.secret_enc,
    elderId: r.elder_id,
    orgUnitId: r.org_unit_id,
    orgPath: r.org_path,
    home: r.home_lat !== null && r.home_lng !== null ? { lat: r.home_lat, lng: r.home_lng } : null,
    geofence: r.geofence_lat !== null && r.geofence_lng !== null && r.geofence_radius_m !== null ? { lat: r.geofence_lat, lng: r.geofence_lng, radiusM: r.geofence_radius_m } : null,
  };
}

export interface NewEventRow {
  eventId: string;
  type: DeviceEventType;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Inserts what is new and returns it; a (device, event id) already stored is skipped by the key. */
export async function insertEvents(db: Queryable, deviceId: string, via: 'http' | 'mqtt', events: NewEventRow[]) {
  if (events.length === 0) return [];
  return db
    .insertInto('device_events')
    .values(events.map((e) => ({ device_id: deviceId, event_id: e.eventId, type: e.type, occurred_at: e.occurredAt, via, payload: JSON.stringify(e.payload) })))
    .onConflict((oc) => oc.columns(['device_id', 'event_id']).doNothing())
    .returning(['id', 'event_id'])
    .execute();
}

export async function alarmIdsOf(db: Queryable, deviceId: string, eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, string | null>();
  const rows = await db.selectFrom('device_events').select(['event_id', 'alarm_id']).where('device_id', '=', deviceId).where('event_id', 'in', eventIds).execute();
  return new Map(rows.map((r) => [r.event_id, r.alarm_id]));
}

export async function linkEventsToAlarm(db: Queryable, deviceId: string, links: { eventId: string; alarmId: string }[]) {
  for (const l of links) {
    await db.updateTable('device_events').set({ alarm_id: l.alarmId }).where('device_id', '=', deviceId).where('event_id', '=', l.eventId).execute();
  }
}

export async function recordSignOfLife(db: Queryable, id: string, battery: number | undefined) {
  await db
    .updateTable('devices')
    .set({ last_heartbeat_at: new Date(), last_event_at: new Date(), ...(battery !== undefined ? { battery_percent: battery } : {}) })
    .where('id', '=', id)
    .execute();
}

export interface DeadLetterInput {
  via: 'http' | 'mqtt';
  reason: string;
  message: string;
  deviceId?: string | null;
  eventId?: string | null;
  orgUnitId?: string | null;
  raw: string;
}

/** Raw input is kept up to 8 KB: enough to diagnose a device, not a place to store floods. */
export async function insertDeadLetters(db: Queryable, letters: DeadLetterInput[]) {
  if (letters.length === 0) return;
  await db
    .insertInto('device_dead_letters')
    .values(
      letters.map((l) => ({
        via: l.via,
        reason: l.reason,
        message: l.message.slice(0, 1000),
        device_id: l.deviceId?.slice(0, 100) ?? null,
        event_id: l.eventId?.slice(0, 100) ?? null,
        org_unit_id: l.orgUnitId ?? null,
        raw: l.raw.slice(0, 8192),
      })),
    )
    .execute();
}

/**
 * Dead letters of devices in the caller's subtree; letters no device could be found for (unknown
 * id, unreadable body) belong to nobody's subtree and are shown to district-level staff.
 */
export async function listDeadLetters(db: Queryable, actor: Actor, limit: number) {
  const districtLevel = !actor.orgPath.includes('.');
  let q = db.selectFrom('device_dead_letters');
  q = districtLevel
    ? q.where((eb) => eb.or([eb('org_unit_id', 'is', null), inOrgScope(actor, 'org_unit_id')]))
    : q.where(inOrgScope(actor, 'org_unit_id'));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: String(r.id), receivedAt: new Date(r.received_at).toISOString(), via: r.via, reason: r.reason, message: r.message, deviceId: r.device_id, eventId: r.event_id, raw: r.raw })),
    total: Number(count.n),
  };
}

/** Active devices silent for more than twice their heartbeat interval, with no live missed-heartbeat alarm. */
export async function silentDevices(db: Queryable, limit = 500): Promise<DeviceForIngest[]> {
  const rows = await db
    .selectFrom('devices as d')
    .select('d.device_id')
    .where('d.status', '=', 'active')
    .where(sql<boolean>`coalesce(d.last_heartbeat_at, d.created_at) < now() - make_interval(secs => d.heartbeat_interval_seconds * 2)`)
    .where(sql<boolean>`not exists (select 1 from alarms a where a.device_id = d.device_id and a.kind = 'missed_heartbeat' and a.state <> 'closed')`)
    .limit(limit)
    .execute();
  const out: DeviceForIngest[] = [];
  for (const r of rows) {
    const d = await findForIngest(db, r.device_id);
    if (d) out.push(d);
  }
  return out;
}
