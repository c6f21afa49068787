import type { Kysely } from 'kysely';
import type { CreateProvider, CreateStaff, UpdateStaff } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { assertOrgUnitInScope } from '../../platform/scope.js';
import * as repo from './providers.repository.js';

export class ProvidersService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(ctx: RequestContext) {
    return { items: await repo.listProviders(this.db, ctx.actor) };
  }

  async get(ctx: RequestContext, id: string) {
    const [p] = await repo.listProviders(this.db, ctx.actor, [id]);
    if (!p) throw notFound('provider');
    return p;
  }

  async create(ctx: RequestContext, input: CreateProvider) {
    return this.db.transaction().execute(async (trx) => {
      const covered = await assertOrgUnitInScope(trx, ctx.actor, input.coveredUnitId);
      if (await trx.selectFrom('providers').select('id').where('name', '=', input.name).executeTakeFirst()) throw conflict(`provider "${input.name}" already exists`);
      const itemIds = [...new Set(input.items.map((i) => i.itemId))];
      if (itemIds.length !== input.items.length) throw badRequest('an item appears twice', { field: 'items' });
      if (itemIds.length) {
        const known = await trx.selectFrom('service_items').select('id').where('id', 'in', itemIds).execute();
        if (known.length !== itemIds.length) throw badRequest('unknown service item', { field: 'items' });
      }
      const row = await trx
        .insertInto('providers')
        .values({ name: input.name, kind: input.kind, trade: input.trade ?? null, phone: input.phone ?? null, org_unit_id: ctx.actor.orgUnitId, covered_unit_id: input.coveredUnitId, covered_path: covered.path })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.items.length) await trx.insertInto('provider_items').values(input.items.map((i) => ({ provider_id: row.id, item_id: i.itemId, price_fen: i.priceFen }))).execute();
      await recordAudit(trx, ctx, { action: 'provider.create', entityType: 'provider', entityId: row.id, orgUnitId: input.coveredUnitId, details: { name: input.name, kind: input.kind } });
      return (await repo.listProviders(trx, ctx.actor, [row.id]))[0]!;
    });
  }

  async staff(ctx: RequestContext, providerId: string) {
    await this.get(ctx, providerId);
    return { items: await repo.listStaff(this.db, providerId) };
  }

  async addStaff(ctx: RequestContext, providerId: string, input: CreateStaff) {
    const provider = await this.get(ctx, providerId);
    this.assertManages(ctx, provider.id);
    if (input.workStart >= input.workEnd) throw badRequest('workStart must be before workEnd', { field: 'workStart' });
    return this.db.transaction().execute(async (trx) => {
      if (input.teamId && !provider.teams.some((t) => t.id === input.teamId)) throw notFound('team');
      const row = await trx
        .insertInto('staff')
        .values({ provider_id: provider.id, team_id: input.teamId ?? null, name: input.name, phone: input.phone ?? null, skills: input.skills, base_lat: input.base.lat, base_lng: input.base.lng, work_start: input.workStart, work_end: input.workEnd })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'staff.create', entityType: 'staff', entityId: row.id, details: { providerId, name: input.name } });
      return (await repo.findStaff(trx, row.id))!;
    });
  }

  /** Provider admins manage their own staff; a caregiver may switch only its own duty status. */
  async updateStaff(ctx: RequestContext, staffId: string, input: UpdateStaff) {
    const staff = await repo.findStaff(this.db, staffId);
    if (!staff) throw notFound('staff');
    const self = ctx.actor.staffId === staffId;
    if (!self) {
      await this.get(ctx, staff.providerId);
      this.assertManages(ctx, staff.providerId);
    } else if (input.skills || input.workStart || input.workEnd) {
      if (ctx.actor.role === 'caregiver') throw badRequest('a caregiver may only switch its duty status');
    }
    const workStart = input.workStart ?? staff.workStart;
    const workEnd = input.workEnd ?? staff.workEnd;
    if (workStart >= workEnd) throw badRequest('workStart must be before workEnd', { field: 'workStart' });
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff')
        .set({ ...(input.onDuty !== undefined ? { on_duty: input.onDuty } : {}), ...(input.skills ? { skills: input.skills } : {}), work_start: workStart, work_end: workEnd })
        .where('id', '=', staffId)
        .execute();
      await recordAudit(trx, ctx, { action: 'staff.update', entityType: 'staff', entityId: staffId, details: { ...input } });
      return (await repo.findStaff(trx, staffId))!;
    });
  }

  private assertManages(ctx: RequestContext, providerId: string) {
    if (ctx.actor.permissions.has('providers.manage')) return;
    if (ctx.actor.role === 'provider' && ctx.actor.providerId === providerId) return;
    throw notFound('provider');
  }
}
