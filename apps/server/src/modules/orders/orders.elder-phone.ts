import type { ElderPhone } from '@yiyang/contracts';
import type { Kysely } from 'kysely';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decryptField, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { elderContactsForNotice } from '../elders/index.js';
import * as repo from './orders.repository.js';
import type { OrderState } from './orders.state.js';

/** From accepting the visit until checking out, the helper may need to ring the doorbell by phone. */
export const CALLABLE_STATES: readonly OrderState[] = ['accepted', 'en_route', 'in_service'];

/**
 * Who may see the elder's whole number through an order: the helper assigned to it while the
 * visit is under way, and registry staff who may reveal numbers anyway (elders.reveal) within
 * their area. Anyone else learns nothing, not even that the order exists.
 */
export function callRight(actor: Pick<Actor, 'staffId' | 'permissions'>, order: { staff_id: string | null; state: OrderState }): 'assigned_helper' | 'elders.reveal' | null {
  if (actor.staffId && actor.staffId === order.staff_id) return CALLABLE_STATES.includes(order.state) ? 'assigned_helper' : null;
  return actor.permissions.has('elders.reveal') ? 'elders.reveal' : null;
}

export class ElderPhoneService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: FieldKeys,
  ) {}

  async reveal(ctx: RequestContext, orderId: string): Promise<ElderPhone> {
    return this.db.transaction().execute(async (trx) => {
      const order = await repo.findOrder(trx, ctx.actor, orderId);
      const right = order ? callRight(ctx.actor, order) : null;
      if (!order || !right) throw notFound('order');
      const { elderName, elderPhone } = await elderContactsForNotice(trx, order.elder_id);
      const phone = elderPhone ? decryptField(this.keys, elderPhone.phoneEnc) : null;
      // Every whole view of a number is audited, including the helper's on the doorstep.
      await recordAudit(trx, ctx, {
        action: 'elder.phone_view',
        entityType: 'elder',
        entityId: order.elder_id,
        orgUnitId: order.org_unit_id,
        details: { orderId: order.id, orderState: order.state, via: right, shown: phone !== null },
      });
      return { elderName: elderName ?? order.elder_name, phone };
    });
  }
}
