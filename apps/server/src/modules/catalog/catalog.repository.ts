import type { Kysely, Transaction } from 'kysely';
import type { ServiceItem } from '@yiyang/contracts';
import type { Database } from '../../platform/db/schema.js';

type Queryable = Kysely<Database> | Transaction<Database>;

const itemColumns = ['id', 'code', 'category_code', 'name', 'unit', 'price_fen', 'expected_minutes', 'skills', 'tasks', 'active'] as const;

type ItemRow = { id: string; code: string; category_code: string; name: string; unit: string; price_fen: number; expected_minutes: number; skills: string[]; tasks: string[]; active: boolean };

export function toServiceItem(r: ItemRow): ServiceItem {
  return { id: r.id, code: r.code, categoryCode: r.category_code, name: r.name, unit: r.unit, priceFen: r.price_fen, expectedMinutes: r.expected_minutes, skills: r.skills, tasks: r.tasks, active: r.active };
}

export async function listCategories(db: Queryable) {
  const rows = await db.selectFrom('service_categories').select(['code', 'name', 'name_en']).orderBy('sort').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en }));
}

export async function listItems(db: Queryable, opts: { categoryCode?: string; includeInactive?: boolean; ids?: readonly string[] }) {
  let q = db.selectFrom('service_items').select(itemColumns);
  if (opts.categoryCode) q = q.where('category_code', '=', opts.categoryCode);
  if (!opts.includeInactive) q = q.where('active', '=', true);
  if (opts.ids) q = q.where('id', 'in', opts.ids.length ? [...opts.ids] : ['00000000-0000-0000-0000-000000000000']);
  return (await q.orderBy('category_code').orderBy('code').execute()).map(toServiceItem);
}

export async function findItem(db: Queryable, id: string) {
  const r = await db.selectFrom('service_items').select(itemColumns).where('id', '=', id).executeTakeFirst();
  return r ? toServiceItem(r) : undefined;
}

export async function categoryExists(db: Queryable, code: string) {
  return !!(await db.selectFrom('service_categories').select('code').where('code', '=', code).executeTakeFirst());
}

export async function listPackages(db: Queryable) {
  const pkgs = await db.selectFrom('service_packages').select(['id', 'name', 'description', 'monthly_price_fen', 'active']).orderBy('monthly_price_fen').execute();
  const lines = await db
    .selectFrom('service_package_items as pi')
    .innerJoin('service_items as i', 'i.id', 'pi.item_id')
    .select(['pi.package_id', 'pi.item_id', 'i.name', 'pi.monthly_quota'])
    .orderBy('i.code')
    .execute();
  return pkgs.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    monthlyPriceFen: p.monthly_price_fen,
    active: p.active,
    items: lines.filter((l) => l.package_id === p.id).map((l) => ({ itemId: l.item_id, name: l.name, monthlyQuota: l.monthly_quota })),
  }));
}
