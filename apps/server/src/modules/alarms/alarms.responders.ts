import type { Kysely } from 'kysely';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './alarms.repository.js';

export class RespondersService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(ctx: RequestContext) {
    return { items: await repo.listResponders(this.db, ctx.actor) };
  }

  /** A responder changes its own duty and position; an operator may do it for responders in its area. */
  async update(ctx: RequestContext, id: string, input: { onDuty?: boolean | undefined; position?: { lat: number; lng: number } | undefined }) {
    const self = ctx.actor.responderId === id;
    if (!self && !ctx.actor.permissions.has('alarms.handle')) throw notFound('responder');
    return this.db.transaction().execute(async (trx) => {
      const found = await repo.findResponder(trx, self ? null : ctx.actor, id);
      if (!found) throw notFound('responder');
      await trx
        .updateTable('responders')
        .set({
          ...(input.onDuty !== undefined ? { on_duty: input.onDuty } : {}),
          ...(input.position ? { lat: input.position.lat, lng: input.position.lng, position_at: new Date() } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (input.onDuty !== undefined) {
        await recordAudit(trx, ctx, { action: input.onDuty ? 'responder.on_duty' : 'responder.off_duty', entityType: 'responder', entityId: id, orgUnitId: found.orgUnitId });
      } else {
        ctx.audited = true; // position reports are frequent and not a change anyone reviews
      }
      return (await repo.findResponder(trx, null, id))!;
    });
  }
}
