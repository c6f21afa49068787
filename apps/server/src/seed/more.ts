import { sql, type Kysely } from 'kysely';
import type { FieldKeys } from '../platform/crypto.js';
import type { Database } from '../platform/db/schema.js';
import { DEMO_USERNAMES, type DemoAccount, type DemoSeedContext } from './context.js';
import type { SeededUnit } from './org-tree.js';
import { rng } from './rng.js';
import { DEMO_SEEDERS } from './seeders.js';

/**
 * Adds more demo data to an already seeded district (the seed CLI on a second run): only the
 * seeders that scale with `--elders` run again.
 */
export async function seedMore(db: Kysely<Database>, opts: { elders: number; demoPassword: string; keys: FieldKeys; onProgress?: DemoSeedContext['onProgress'] }) {
  const units = (await db
    .selectFrom('org_units')
    .select(['id', 'parent_id as parentId', 'name', 'level', sql<string>`path::text`.as('path'), 'code', 'lat', 'lng'])
    .orderBy('path')
    .execute()) as SeededUnit[];
  const users = await db.selectFrom('users').select(['id', 'username', 'role', 'display_name', 'org_unit_id']).where('username', 'in', [...DEMO_USERNAMES]).execute();
  const accounts = new Map(
    users.map((u) => [u.username as DemoAccount['username'], { username: u.username as DemoAccount['username'], role: u.role as DemoAccount['role'], displayName: u.display_name, orgUnitId: u.org_unit_id, userId: u.id }]),
  );
  const ctx: DemoSeedContext = { db, units, accounts, rng: rng(Date.now() % 2 ** 31), elders: opts.elders, demoPassword: opts.demoPassword, keys: opts.keys, append: true, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
  for (const seeder of DEMO_SEEDERS) if (seeder.scales) await seeder.run(ctx);
}
