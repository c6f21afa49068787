import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import type { JobQueue } from '../../platform/jobs.js';
import { ELDER_LEFT_SERVICE, type ElderLeftService } from '../elders/index.js';
import { SYSTEM, type OrdersService } from './orders.service.js';

/**
 * An elder moved out or died. The service package ends on the day it took effect (a package that
 * had not started yet is withdrawn), and visits booked but not yet given to a helper are called
 * off. A visit a helper already holds stays with the service centre: someone may be on the way,
 * and only a person can call that off. Plan visits are the plans module's (it stops the plan).
 */
export function registerElderLeftService(db: Kysely<Database>, jobs: JobQueue, orders: OrdersService) {
  jobs.subscribe(ELDER_LEFT_SERVICE, 'orders', async (payload) => {
    const { elderId, status, effectiveDate } = payload as unknown as ElderLeftService;
    const reason = `elder is no longer active (${status})`;
    const system = { actor: null, ip: null, requestId: null };
    await db.transaction().execute(async (trx) => {
      const held = await trx.selectFrom('elder_packages').select(['package_id', 'org_unit_id', 'starts_on', 'ends_on']).where('elder_id', '=', elderId).forUpdate().executeTakeFirst();
      if (held && (held.ends_on === null || held.ends_on > effectiveDate)) {
        if (held.starts_on > effectiveDate) await trx.deleteFrom('elder_packages').where('elder_id', '=', elderId).execute();
        else await trx.updateTable('elder_packages').set({ ends_on: effectiveDate, updated_at: new Date() }).where('elder_id', '=', elderId).execute();
        await recordAudit(trx, system, {
          action: 'elder.package_end',
          entityType: 'elder',
          entityId: elderId,
          orgUnitId: held.org_unit_id,
          details: { packageId: held.package_id, startsOn: held.starts_on, endsOn: effectiveDate, reason },
        });
      }
      const booked = await trx.selectFrom('orders').select('id').where('elder_id', '=', elderId).where('plan_id', 'is', null).where('state', '=', 'requested').execute();
      for (const o of booked) await orders.applyInById(trx, SYSTEM('registry'), o.id, 'cancel', reason);
    });
  });
}
