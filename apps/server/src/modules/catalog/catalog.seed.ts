import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { CATEGORIES, ITEMS, PACKAGES } from './catalog.data.js';

/** The catalog is reference data: seeded once, whatever the size of the demo district. */
export async function seedCatalog(db: Kysely<Database>) {
  if (await db.selectFrom('service_categories').select('code').limit(1).executeTakeFirst()) return;
  await db.insertInto('service_categories').values(CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, name_en: c.nameEn, sort: i }))).execute();
  const rows = CATEGORIES.flatMap((c) =>
    ITEMS[c.code].map(([code, name, unit, yuan, minutes, skills, tasks]) => ({ code, category_code: c.code, name, unit, price_fen: yuan * 100, expected_minutes: minutes, skills, tasks })),
  );
  const inserted = await db.insertInto('service_items').values(rows).returning(['id', 'code']).execute();
  const idOf = new Map(inserted.map((r) => [r.code, r.id]));
  for (const p of PACKAGES) {
    const pkg = await db.insertInto('service_packages').values({ name: p.name, description: p.description, monthly_price_fen: p.monthlyYuan * 100 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('service_package_items').values(p.items.map(([code, quota]) => ({ package_id: pkg.id, item_id: idOf.get(code)!, monthly_quota: quota }))).execute();
  }
}
