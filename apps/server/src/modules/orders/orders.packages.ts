import type { ElderPackage, SetElderPackage } from '@yiyang/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { findElderForService, isServed } from '../elders/index.js';
import { localDay } from '../../platform/local-time.js';
import { judgeQuota, localMonth } from './orders.quota.js';

type Queryable = Kysely<Database> | Transaction<Database>;

async function packageLines(db: Queryable, packageId: string) {
  return db
    .selectFrom('service_package_items as pi')
    .innerJoin('service_items as i', 'i.id', 'pi.item_id')
    .select(['pi.item_id as itemId', 'i.name', 'pi.monthly_quota as monthlyQuota'])
    .where('pi.package_id', '=', packageId)
    .orderBy('i.name')
    .execute();
}

/** How many package-paid orders of each item the elder has in the month (cancelled ones excepted). */
async function usedInMonth(db: Queryable, elderId: string, month: { start: Date; end: Date }, itemIds: readonly string[]) {
  if (itemIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('order_items as oi')
    .innerJoin('orders as o', 'o.id', 'oi.order_id')
    .select(['oi.item_id', sql<string>`count(*)`.as('n')])
    .where('o.elder_id', '=', elderId)
    .where('o.payer', '=', 'package')
    .where('o.state', '!=', 'cancelled')
    .where('o.window_start', '>=', month.start)
    .where('o.window_start', '<', month.end)
    .where('oi.item_id', 'in', [...itemIds])
    .groupBy('oi.item_id')
    .execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
}

/**
 * Refuses a package-paid order the elder's package does not cover: no package on the visit's day,
 * an item outside it, or an item whose monthly quota is used up. Locks the elder's package row so
 * two orders placed at once cannot both take the last turn.
 */
export async function assertPackageQuota(trx: Transaction<Database>, elder: { id: string; name: string }, items: readonly { id: string; name: string }[], windowStart: Date) {
  const held = await trx.selectFrom('elder_packages as ep').innerJoin('service_packages as p', 'p.id', 'ep.package_id').select(['ep.package_id', 'ep.starts_on', 'ep.ends_on', 'p.name']).where('ep.elder_id', '=', elder.id).forUpdate('ep').executeTakeFirst();
  const day = localDay(windowStart);
  if (!held || held.starts_on > day || (held.ends_on !== null && held.ends_on < day)) {
    throw badRequest(`${elder.name} holds no service package on ${day}; choose another payer`, { field: 'payer' });
  }
  const month = localMonth(windowStart);
  const verdict = judgeQuota(items.map((i) => i.id), await packageLines(trx, held.package_id), await usedInMonth(trx, elder.id, month, items.map((i) => i.id)));
  if (verdict.ok) return;
  const item = items.find((i) => i.id === verdict.itemId)!;
  switch (verdict.reason) {
    case 'not_in_package':
      throw badRequest(`the package ${held.name} does not include ${item.name}`, { field: 'itemIds', itemId: item.id });
    case 'used_up':
      throw conflict(`${item.name} in the package ${held.name} is used up for ${month.month} (${verdict.used} of ${verdict.monthlyQuota})`, { itemId: item.id, month: month.month, monthlyQuota: verdict.monthlyQuota, used: verdict.used });
  }
}

/** Which package an elder holds, for the registry (read with elders.read, set with elders.write). */
export class ElderPackageService {
  constructor(private readonly db: Kysely<Database>) {}

  async get(ctx: RequestContext, elderId: string): Promise<ElderPackage> {
    const elder = await findElderForService(this.db, ctx.actor, elderId);
    if (!elder) throw notFound('elder');
    return this.describe(this.db, elder.id);
  }

  async set(ctx: RequestContext, elderId: string, input: SetElderPackage): Promise<ElderPackage> {
    const startsOn = input.startsOn ?? localDay(new Date());
    if (input.endsOn !== null && input.endsOn < startsOn) throw badRequest('endsOn is before startsOn', { field: 'endsOn' });
    return this.db.transaction().execute(async (trx) => {
      const elder = await findElderForService(trx, ctx.actor, elderId);
      if (!elder) throw notFound('elder');
      if (!isServed(elder.status)) throw conflict(`${elder.name} is no longer served (${elder.status}); no package can be given`, { elderStatus: elder.status });
      const pkg = await trx.selectFrom('service_packages').select(['id', 'active']).where('id', '=', input.packageId).executeTakeFirst();
      if (!pkg || !pkg.active) throw badRequest('unknown or withdrawn service package', { field: 'packageId' });
      const previous = await trx.selectFrom('elder_packages').select(['package_id', 'starts_on', 'ends_on']).where('elder_id', '=', elder.id).forUpdate().executeTakeFirst();
      const values = { package_id: pkg.id, org_unit_id: elder.org_unit_id, starts_on: startsOn, ends_on: input.endsOn, assigned_by: ctx.actor.userId, updated_at: new Date() };
      await trx.insertInto('elder_packages').values({ elder_id: elder.id, ...values }).onConflict((oc) => oc.column('elder_id').doUpdateSet(values)).execute();
      await recordAudit(trx, ctx, { action: 'elder.package_set', entityType: 'elder', entityId: elder.id, orgUnitId: elder.org_unit_id, details: { packageId: pkg.id, startsOn, endsOn: input.endsOn, previous: previous ? { packageId: previous.package_id, startsOn: previous.starts_on, endsOn: previous.ends_on } : null } });
      return this.describe(trx, elder.id);
    });
  }

  async remove(ctx: RequestContext, elderId: string): Promise<ElderPackage> {
    return this.db.transaction().execute(async (trx) => {
      const elder = await findElderForService(trx, ctx.actor, elderId);
      if (!elder) throw notFound('elder');
      const ended = await trx.deleteFrom('elder_packages').where('elder_id', '=', elder.id).returning(['package_id', 'starts_on', 'ends_on']).executeTakeFirst();
      if (!ended) throw notFound('service package of the elder');
      await recordAudit(trx, ctx, { action: 'elder.package_remove', entityType: 'elder', entityId: elder.id, orgUnitId: elder.org_unit_id, details: { packageId: ended.package_id, startsOn: ended.starts_on, endsOn: ended.ends_on } });
      return this.describe(trx, elder.id);
    });
  }

  private async describe(db: Queryable, elderId: string): Promise<ElderPackage> {
    const month = localMonth(new Date());
    const held = await db.selectFrom('elder_packages as ep').innerJoin('service_packages as p', 'p.id', 'ep.package_id').select(['p.id', 'p.name', 'p.monthly_price_fen', 'ep.starts_on', 'ep.ends_on']).where('ep.elder_id', '=', elderId).executeTakeFirst();
    if (!held) return { elderId, package: null, startsOn: null, endsOn: null, month: month.month, usage: [] };
    const lines = await packageLines(db, held.id);
    const used = await usedInMonth(db, elderId, month, lines.map((l) => l.itemId));
    return {
      elderId,
      package: { id: held.id, name: held.name, monthlyPriceFen: held.monthly_price_fen },
      startsOn: held.starts_on,
      endsOn: held.ends_on,
      month: month.month,
      usage: lines.map((l) => ({ ...l, used: used.get(l.itemId) ?? 0 })),
    };
  }
}
