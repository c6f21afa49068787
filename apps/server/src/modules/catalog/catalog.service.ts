import type { Kysely } from 'kysely';
import type { CreateServiceItem, CreateServicePackage, UpdateServiceItem } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import * as repo from './catalog.repository.js';

/** The district-wide catalog: everyone with catalog.read sees it; only the bureau changes it. */
export class CatalogService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(q: { categoryCode?: string | undefined; includeInactive?: 'true' | 'false' | undefined }) {
    const [categories, items] = await Promise.all([
      repo.listCategories(this.db),
      repo.listItems(this.db, { ...(q.categoryCode ? { categoryCode: q.categoryCode } : {}), includeInactive: q.includeInactive === 'true' }),
    ]);
    return { categories, items };
  }

  packages() {
    return repo.listPackages(this.db).then((items) => ({ items }));
  }

  async createItem(ctx: RequestContext, input: CreateServiceItem) {
    return this.db.transaction().execute(async (trx) => {
      if (!(await repo.categoryExists(trx, input.categoryCode))) throw badRequest(`unknown category ${input.categoryCode}`, { field: 'categoryCode' });
      const taken = await trx.selectFrom('service_items').select('id').where('code', '=', input.code).executeTakeFirst();
      if (taken) throw conflict(`an item with code ${input.code} already exists`);
      const row = await trx
        .insertInto('service_items')
        .values({ code: input.code, category_code: input.categoryCode, name: input.name, unit: input.unit, price_fen: input.priceFen, expected_minutes: input.expectedMinutes, skills: input.skills, tasks: input.tasks })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'service_item.create', entityType: 'service_item', entityId: row.id, details: { ...input } });
      return (await repo.findItem(trx, row.id))!;
    });
  }

  async updateItem(ctx: RequestContext, id: string, input: UpdateServiceItem) {
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findItem(trx, id);
      if (!before) throw notFound('service item');
      await trx
        .updateTable('service_items')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.unit !== undefined ? { unit: input.unit } : {}),
          ...(input.priceFen !== undefined ? { price_fen: input.priceFen } : {}),
          ...(input.expectedMinutes !== undefined ? { expected_minutes: input.expectedMinutes } : {}),
          ...(input.skills !== undefined ? { skills: input.skills } : {}),
          ...(input.tasks !== undefined ? { tasks: input.tasks } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, { action: 'service_item.update', entityType: 'service_item', entityId: id, details: { before, change: input } });
      return (await repo.findItem(trx, id))!;
    });
  }

  async createPackage(ctx: RequestContext, input: CreateServicePackage) {
    return this.db.transaction().execute(async (trx) => {
      const ids = [...new Set(input.items.map((i) => i.itemId))];
      if (ids.length !== input.items.length) throw badRequest('an item appears twice in the package', { field: 'items' });
      const found = await repo.listItems(trx, { ids, includeInactive: false });
      if (found.length !== ids.length) throw badRequest('unknown or inactive service item in the package', { field: 'items' });
      if (await trx.selectFrom('service_packages').select('id').where('name', '=', input.name).executeTakeFirst()) throw conflict(`package "${input.name}" already exists`);
      const row = await trx.insertInto('service_packages').values({ name: input.name, description: input.description, monthly_price_fen: input.monthlyPriceFen }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('service_package_items').values(input.items.map((i) => ({ package_id: row.id, item_id: i.itemId, monthly_quota: i.monthlyQuota }))).execute();
      await recordAudit(trx, ctx, { action: 'service_package.create', entityType: 'service_package', entityId: row.id, details: { ...input } });
      return (await repo.listPackages(trx)).find((p) => p.id === row.id)!;
    });
  }
}
