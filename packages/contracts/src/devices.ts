import { z } from 'zod';
import { Id, Paged, ShortText } from './common.js';
import { GeoPoint } from './org.js';

export const DEVICE_KINDS = ['call_button', 'fall_detector', 'smoke_detector', 'gas_detector', 'door_sensor', 'gps_wearable', 'face_gate'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DEVICE_BINDINGS = ['elder', 'household', 'compound'] as const;
export const DeviceBinding = z.enum(DEVICE_BINDINGS);

export const DEVICE_EVENT_TYPES = ['sos', 'fall', 'smoke', 'gas', 'geofence_exit', 'heartbeat', 'low_battery', 'gate_pass'] as const;
export const DeviceEventType = z.enum(DEVICE_EVENT_TYPES);
export type DeviceEventType = z.infer<typeof DeviceEventType>;

/** The maker's device identifier as printed on the device and sent in each event. */
export const DeviceCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'letters, digits and _.:- only, at most 64');

/**
 * One event as a device sends it (the fixed contract for device makers, docs/devices.md).
 * `payload` may carry `battery` (0–100) and a position `lat`/`lng`.
 */
export const DeviceEvent = z.object({
  deviceId: DeviceCode,
  eventId: z.string().min(1).max(100),
  type: DeviceEventType,
  occurredAt: z.iso.datetime({ offset: true }),
  payload: z
    .object({
      battery: z.number().int().min(0).max(100).optional(),
      lat: z.number().min(-90).max(90).optional(),
      lng: z.number().min(-180).max(180).optional(),
    })
    .catchall(z.unknown())
    .default({})
    .refine((p) => JSON.stringify(p).length <= 4000, 'payload larger than 4000 bytes'),
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;

export const DeviceEventResult = z.object({
  eventId: z.string().nullable(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  alarmId: Id.nullable().optional(),
  error: z.string().optional(),
});
export const DeviceEventsAnswer = z.object({ results: z.array(DeviceEventResult) });
export type DeviceEventsAnswer = z.infer<typeof DeviceEventsAnswer>;

export const Device = z.object({
  id: Id,
  deviceId: z.string(),
  kind: DeviceKind,
  boundTo: DeviceBinding,
  elderId: Id.nullable(),
  elderName: z.string().nullable(),
  householdAddress: z.string().nullable(),
  orgUnitId: Id,
  orgUnitName: z.string(),
  label: z.string(),
  status: z.enum(['active', 'inactive', 'faulty']),
  batteryPercent: z.number().int().nullable(),
  lastHeartbeatAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  heartbeatIntervalSeconds: z.number().int(),
  geofence: z.object({ lat: z.number(), lng: z.number(), radiusM: z.number().int() }).nullable(),
});
export type Device = z.infer<typeof Device>;
export const DeviceList = Paged(Device);

export const DeviceListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  kind: DeviceKind.optional(),
  elderId: Id.optional(),
  /** Only devices whose heartbeat is overdue. */
  silent: z.enum(['true', 'false']).optional(),
});

export const RegisterDevice = z
  .object({
    deviceId: DeviceCode,
    kind: DeviceKind,
    boundTo: DeviceBinding,
    elderId: Id.optional(),
    /** For a household or compound binding: the compound (org unit) it is installed in. */
    orgUnitId: Id.optional(),
    householdAddress: ShortText(200).optional(),
    label: z.string().trim().max(60).optional(),
    /** Leave out to have the server generate one (shown once in the answer). */
    secret: z.string().min(16).max(128).optional(),
    heartbeatIntervalSeconds: z.number().int().min(30).max(604_800).optional(),
    geofence: GeoPoint.extend({ radiusM: z.number().int().min(10).max(100_000) }).optional(),
  })
  .refine((d) => (d.boundTo === 'elder' ? !!d.elderId : !!d.orgUnitId), { message: 'an elder binding needs elderId; a household or compound binding needs orgUnitId', path: ['boundTo'] })
  .refine((d) => d.boundTo !== 'household' || !!d.householdAddress, { message: 'a household binding needs householdAddress', path: ['householdAddress'] });
export type RegisterDevice = z.infer<typeof RegisterDevice>;

export const RegisteredDevice = z.object({ device: Device, secret: z.string() });

export const UpdateDevice = z
  .object({
    status: z.enum(['active', 'inactive', 'faulty']).optional(),
    label: z.string().trim().max(60).optional(),
    heartbeatIntervalSeconds: z.number().int().min(30).max(604_800).optional(),
    geofence: GeoPoint.extend({ radiusM: z.number().int().min(10).max(100_000) }).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export const DeviceImportResult = z.object({
  created: z.array(z.object({ row: z.number().int(), deviceId: z.string(), secret: z.string() })),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
});

export const DeadLetter = z.object({
  id: z.string(),
  receivedAt: z.string(),
  via: z.enum(['http', 'mqtt']),
  reason: z.string(),
  message: z.string(),
  deviceId: z.string().nullable(),
  eventId: z.string().nullable(),
  raw: z.string(),
});
export const DeadLetterList = z.object({ items: z.array(DeadLetter), total: z.number().int() });
