import type { Kysely, Transaction } from 'kysely';
import { DeviceEvent, type DeviceEventsAnswer } from '@yiyang/contracts';
import { decryptField, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './devices.repository.js';
import { checkSignature } from './devices.signature.js';

export type Via = 'http' | 'mqtt';

export interface AcceptedDeviceEvent {
  eventId: string;
  type: DeviceEvent['type'];
  occurredAt: Date;
  payload: DeviceEvent['payload'];
}

/**
 * What turns stored events into alarms (the alarms module), called inside the ingestion
 * transaction so an acknowledged event and the alarm it raised commit together.
 */
export type DeviceEventSink = (trx: Transaction<Database>, device: repo.DeviceForIngest, events: AcceptedDeviceEvent[]) => Promise<{ eventId: string; alarmId: string }[]>;

/** The most events one signed request or message may carry. */
export const MAX_BATCH = 500;

/**
 * Device ingestion, the same for HTTP and MQTT: authenticate the device by its signature, validate
 * each event, store the new ones and raise their alarms in one transaction, and only then answer.
 * Anything refused is written to the dead-letter list before the refusal goes out.
 */
export class DeviceIngest {
  /**
   * Devices by id for a few seconds: a device sending a burst is verified without a lookup per
   * request. A registry change (switched off) takes effect within the TTL.
   */
  private readonly cache = new Map<string, { device: repo.DeviceForIngest; secret: string; until: number }>();
  private static readonly CACHE_MS = 5000;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: FieldKeys,
    private readonly sink: DeviceEventSink,
  ) {}

  async ingest(raw: string, headers: { timestamp?: string | undefined; signature?: string | undefined }, via: Via, topicDeviceId?: string): Promise<DeviceEventsAnswer> {
    const refuse = async (status: number, code: string, message: string, letter: Omit<repo.DeadLetterInput, 'via' | 'raw' | 'message'> & { reason: string }) => {
      await repo.insertDeadLetters(this.db, [{ via, raw, message, ...letter }]);
      return new AppError(status, code, message, { reason: letter.reason });
    };

    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw await refuse(400, 'BAD_REQUEST', 'body is not valid JSON', { reason: 'invalid_json', deviceId: topicDeviceId ?? null });
    }
    const items: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    if (items.length === 0 || items.length > MAX_BATCH) {
      throw await refuse(400, 'BAD_REQUEST', `send between 1 and ${MAX_BATCH} events per request`, { reason: 'bad_batch_size', deviceId: topicDeviceId ?? null });
    }
    const deviceIds = new Set(items.map((i) => (i && typeof i === 'object' ? (i as { deviceId?: unknown }).deviceId : undefined)));
    const [deviceId] = deviceIds;
    if (deviceIds.size !== 1 || typeof deviceId !== 'string' || deviceId.length > 64) {
      throw await refuse(400, 'BAD_REQUEST', 'every event in a request must carry the same deviceId (one signature, one device)', { reason: 'device_id', deviceId: topicDeviceId ?? null });
    }
    if (topicDeviceId !== undefined && topicDeviceId !== deviceId) {
      throw await refuse(400, 'BAD_REQUEST', `deviceId ${deviceId} does not match the topic's ${topicDeviceId}`, { reason: 'topic_mismatch', deviceId: topicDeviceId });
    }
    const known = await this.lookup(deviceId);
    if (!known) throw await refuse(401, 'UNKNOWN_DEVICE', `device ${deviceId} is not registered`, { reason: 'unknown_device', deviceId });
    const { device, secret } = known;
    const signature = checkSignature(secret, headers.timestamp, headers.signature, raw);
    if (!signature.ok) throw await refuse(401, 'BAD_SIGNATURE', signature.message, { reason: signature.reason, deviceId, orgUnitId: device.orgUnitId });
    if (device.status === 'inactive') {
      throw await refuse(403, 'DEVICE_INACTIVE', `device ${deviceId} is switched off in the registry`, { reason: 'device_inactive', deviceId, orgUnitId: device.orgUnitId });
    }

    const results: DeviceEventsAnswer['results'] = [];
    const valid: AcceptedDeviceEvent[] = [];
    const letters: repo.DeadLetterInput[] = [];
    for (const item of items) {
      const check = DeviceEvent.safeParse(item);
      const eventId = item && typeof item === 'object' && typeof (item as { eventId?: unknown }).eventId === 'string' ? ((item as { eventId: string }).eventId.slice(0, 100)) : null;
      if (!check.success) {
        const message = check.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
        results.push({ eventId, status: 'rejected', error: message });
        letters.push({ via, reason: 'invalid_event', message, deviceId, eventId, orgUnitId: device.orgUnitId, raw: JSON.stringify(item) ?? '' });
        continue;
      }
      valid.push({ eventId: check.data.eventId, type: check.data.type, occurredAt: new Date(check.data.occurredAt), payload: check.data.payload });
      results.push({ eventId: check.data.eventId, status: 'accepted' });
    }

    const stored = await this.db.transaction().execute(async (trx) => {
      await repo.insertDeadLetters(trx, letters);
      if (valid.length === 0) return { fresh: new Set<string>(), alarms: new Map<string, string>() };
      const inserted = await repo.insertEvents(trx, device.deviceId, via, valid);
      const fresh = new Set(inserted.map((r) => r.event_id));
      const newEvents = dedupe(valid.filter((e) => fresh.has(e.eventId)));
      const links = newEvents.length ? await this.sink(trx, device, newEvents) : [];
      await repo.linkEventsToAlarm(trx, device.deviceId, links);
      const battery = [...newEvents].reverse().find((e) => e.payload.battery !== undefined)?.payload.battery;
      await repo.recordSignOfLife(trx, device.id, battery);
      return { fresh, alarms: new Map(links.map((l) => [l.eventId, l.alarmId])) };
    });

    // Re-sent events answer with what the first delivery produced.
    const duplicates = results.filter((r) => r.status === 'accepted' && r.eventId !== null && !stored.fresh.has(r.eventId)).map((r) => r.eventId as string);
    const earlier = await repo.alarmIdsOf(this.db, device.deviceId, duplicates);
    const seen = new Set<string>();
    for (const r of results) {
      if (r.status !== 'accepted' || r.eventId === null) continue;
      if (stored.fresh.has(r.eventId) && !seen.has(r.eventId)) {
        seen.add(r.eventId);
        r.alarmId = stored.alarms.get(r.eventId) ?? null;
      } else {
        r.status = 'duplicate';
        r.alarmId = earlier.get(r.eventId) ?? stored.alarms.get(r.eventId) ?? null;
      }
    }
    return { results };
  }

  private async lookup(deviceId: string) {
    const hit = this.cache.get(deviceId);
    if (hit && hit.until > Date.now()) return hit;
    const device = await repo.findForIngest(this.db, deviceId);
    if (!device) return undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    const entry = { device, secret: decryptField(this.keys, device.secretEnc), until: Date.now() + DeviceIngest.CACHE_MS };
    this.cache.set(deviceId, entry);
    return entry;
  }
}

/** The same event id twice in one batch is stored once and acted on once. */
function dedupe(events: AcceptedDeviceEvent[]) {
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.eventId) ? false : (seen.add(e.eventId), true)));
}
