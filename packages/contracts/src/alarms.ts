import { z } from 'zod';
import { Role } from './auth.js';
import { Id, ShortText } from './common.js';
import { GeoPoint } from './org.js';

export const ALARM_KINDS = ['sos', 'fall', 'smoke', 'gas', 'geofence_exit', 'missed_heartbeat', 'low_battery'] as const;
export const AlarmKind = z.enum(ALARM_KINDS);
export type AlarmKind = z.infer<typeof AlarmKind>;

export const ALARM_STATES = ['open', 'claimed', 'dispatched', 'arrived', 'closed'] as const;
export const AlarmState = z.enum(ALARM_STATES);
export type AlarmState = z.infer<typeof AlarmState>;

/** How an alarm ended; `false_alarm` is what the false-alarm action records. */
export const ALARM_OUTCOMES = ['resolved_on_site', 'resolved_by_phone', 'hospital_transfer', 'handed_to_120', 'handed_to_110', 'false_alarm', 'device_fault', 'other'] as const;
export const AlarmOutcome = z.enum(ALARM_OUTCOMES);
export type AlarmOutcome = z.infer<typeof AlarmOutcome>;

export const Alarm = z.object({
  id: Id,
  kind: AlarmKind,
  priority: z.number().int(),
  state: AlarmState,
  deviceId: z.string(),
  elderId: Id.nullable(),
  elderName: z.string().nullable(),
  orgUnitId: Id,
  orgUnitName: z.string(),
  position: GeoPoint.nullable(),
  eventCount: z.number().int(),
  openedAt: z.string(),
  lastEventAt: z.string(),
  claimedAt: z.string().nullable(),
  claimedBy: z.object({ id: Id, name: z.string() }).nullable(),
  responder: z.object({ id: Id, name: z.string(), phone: z.string().nullable() }).nullable(),
  dispatchedAt: z.string().nullable(),
  enRouteAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  timeToClaimSeconds: z.number().nullable(),
  timeToArrivalSeconds: z.number().nullable(),
  claimBreached: z.boolean(),
  arrivalBreached: z.boolean(),
});
export type Alarm = z.infer<typeof Alarm>;

export const AlarmListQuery = z.object({
  /** `live` (default): everything not closed; `closed`: the most recent closed ones. */
  view: z.enum(['live', 'closed']).default('live'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /** Only this elder's alarms (the elder page); an elder the caller may not see answers 404. */
  elderId: Id.optional(),
});
export type AlarmListQuery = z.infer<typeof AlarmListQuery>;
export const AlarmList = z.object({ items: z.array(Alarm) });

export const AlarmTimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  entry: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** What the operator sees of the elder on the alarm page (numbers masked). */
export const AlarmElder = z.object({
  id: Id,
  name: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  address: z.string(),
  phone: z.string().nullable(),
  location: GeoPoint.nullable(),
  orgUnitName: z.string(),
  livingSituation: z.array(z.string()),
  careLevel: z.number().int().nullable(),
  conditions: z.array(z.object({ name: z.string(), code: z.string().nullable() })),
  medications: z.array(z.object({ name: z.string(), dose: z.string().nullable(), frequency: z.string().nullable() })),
  allergies: z.array(z.object({ name: z.string(), reaction: z.string().nullable() })),
  emergencyContacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
});
export type AlarmElder = z.infer<typeof AlarmElder>;

export const Responder = z.object({
  id: Id,
  name: z.string(),
  phone: z.string().nullable(),
  orgUnitId: Id,
  orgUnitName: z.string(),
  onDuty: z.boolean(),
  position: GeoPoint.nullable(),
  busy: z.boolean(),
  distanceM: z.number().nullable().optional(),
});
export type Responder = z.infer<typeof Responder>;

export const AlarmDetail = Alarm.extend({
  timeline: z.array(AlarmTimelineEntry),
  elder: AlarmElder.nullable(),
  /** Nearest available on-duty responders, for dispatch. */
  proposedResponders: z.array(Responder),
});
export type AlarmDetail = z.infer<typeof AlarmDetail>;

export const CALL_PARTIES = ['elder', 'contact', 'responder', 'other'] as const;
export const CALL_OUTCOMES = ['answered_ok', 'answered_needs_help', 'no_answer', 'busy', 'wrong_number'] as const;
export const RecordCall = z.object({
  party: z.enum(CALL_PARTIES),
  outcome: z.enum(CALL_OUTCOMES),
  note: z.string().trim().max(500).optional(),
});
export const Dispatch = z.object({ responderId: Id.optional() }).default({});
export const Escalate = z.object({
  service: z.enum(['120', '110', '119']),
  reference: ShortText(60),
  note: z.string().trim().max(500).optional(),
});
export const CloseAlarm = z.object({ outcome: AlarmOutcome, note: z.string().trim().max(1000).optional() });
export const FalseAlarm = z.object({ note: z.string().trim().max(1000).optional() }).default({});
export const Handover = z.object({ toUserId: Id, note: z.string().trim().max(500).optional() });
/** A colleague the holder may hand an alarm to, with what helps choose one. */
export const HandoverCandidate = z.object({
  id: Id,
  displayName: z.string(),
  username: z.string(),
  role: Role,
  orgUnitId: Id,
  orgUnitName: z.string(),
  /** Alarms not yet closed that this colleague holds now. */
  liveAlarms: z.number().int(),
  /** Last request from any of their sessions; null when they have none. */
  lastActiveAt: z.string().nullable(),
});
export type HandoverCandidate = z.infer<typeof HandoverCandidate>;
export const HandoverCandidateList = z.object({ items: z.array(HandoverCandidate) });
export const ResponderPosition = z.object({ position: GeoPoint.optional() }).default({});

export const UpdateResponder = z
  .object({ onDuty: z.boolean().optional(), position: GeoPoint.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export const ResponderList = z.object({ items: z.array(Responder) });

export const AlarmStats = z.object({
  day: z.string(),
  opened: z.number().int(),
  closed: z.number().int(),
  live: z.number().int(),
  falseAlarms: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  arrivals: z.number().int(),
  arrivalsWithin15Min: z.number().int(),
  /** null when nobody has arrived today. */
  shareWithin15Min: z.number().nullable(),
  medianTimeToClaimSeconds: z.number().nullable(),
  medianTimeToArrivalSeconds: z.number().nullable(),
});
export type AlarmStats = z.infer<typeof AlarmStats>;
