import type { JobQueue } from '../../platform/jobs.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { silentDevices } from '../devices/index.js';
import { PRIORITY } from './alarms.rules.js';
import { ARRIVAL_TIMER, CLAIM_TIMER, type AlarmsService } from './alarms.service.js';

/** Timers live in the durable job queue, so a restart resumes them where they were. */
export function registerAlarmJobs(jobs: JobQueue, db: Kysely<Database>, alarms: AlarmsService) {
  jobs.register(CLAIM_TIMER, async (payload) => alarms.claimTimerFired(String(payload.alarmId)));
  jobs.register(ARRIVAL_TIMER, async (payload) => alarms.arrivalTimerFired(String(payload.alarmId)));
  jobs.every('devices.heartbeat_scan', 60_000, async () => {
    await scanHeartbeats(db, alarms);
  });
}

/** Devices that went silent raise a missed-heartbeat alarm (one while it stays live). */
export async function scanHeartbeats(db: Kysely<Database>, alarms: AlarmsService) {
  const silent = await silentDevices(db);
  for (const device of silent) {
    await db.transaction().execute((trx) =>
      alarms.raise(trx, device, { kind: 'missed_heartbeat', priority: PRIORITY.missed_heartbeat }, device.home, { reason: 'no heartbeat', deviceId: device.deviceId }),
    );
  }
  return silent.length;
}
