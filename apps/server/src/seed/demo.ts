import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '@yiyang/contracts';
import { hashPassword } from '../platform/auth/password.js';
import type { FieldKeys } from '../platform/crypto.js';
import type { Database } from '../platform/db/schema.js';
import { insertOrgTree, planOrgTree, type SeededUnit } from './org-tree.js';
import { rng } from './rng.js';
import type { DemoAccount, DemoSeedContext } from './context.js';
import { DEMO_SEEDERS } from './seeders.js';

export { DEMO_USERNAMES } from './context.js';

export function generateDemoPassword(): string {
  // Meets the password policy: mixed case, digits and a symbol.
  return `Yy-${randomBytes(9).toString('base64url')}7a`;
}

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  return !!(await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst());
}

export async function seedDemoDistrict(
  db: Kysely<Database>,
  opts: { password: string; elders: number; keys: FieldKeys; seed?: number; onProgress?: DemoSeedContext['onProgress'] },
) {
  const r = rng(opts.seed ?? 20261123);
  const units = planOrgTree(r);
  await insertOrgTree(db, units);
  const first = (level: string, within?: SeededUnit) =>
    units.find((u) => u.level === level && (!within || u.path.startsWith(`${within.path}.`))) as SeededUnit;
  const district = first('district');
  const street = first('street');
  const community = first('community', street);
  const grid = first('grid', community);
  const compound = first('compound', grid);

  const specs: [DemoAccount['username'], Role, string, SeededUnit][] = [
    ['admin', 'admin', '区民政局管理员', district],
    ['street', 'street', `${street.name}管理员`, street],
    ['community', 'community', `${community.name}工作人员`, community],
    ['grid', 'grid', `${grid.name}网格员`, grid],
    ['operator', 'operator', '服务中心话务员', district],
    ['provider', 'provider', '服务机构管理员', district],
    ['caregiver', 'caregiver', '助老员 李秀英', community],
    ['responder', 'responder', '应急救援员 王建国', community],
    ['family', 'family', '家属 张伟', compound],
  ];
  const passwordHash = await hashPassword(opts.password);
  const rows = await db
    .insertInto('users')
    .values(specs.map(([username, role, displayName, unit]) => ({ username, role, display_name: displayName, org_unit_id: unit.id, password_hash: passwordHash })))
    .returning(['id', 'username'])
    .execute();
  const ids = new Map(rows.map((row) => [row.username, row.id]));
  const accounts = new Map<DemoAccount['username'], DemoAccount>(
    specs.map(([username, role, displayName, unit]) => [username, { username, role, displayName, orgUnitId: unit.id, userId: ids.get(username)! }]),
  );
  const ctx: DemoSeedContext = { db, units, accounts, rng: r, elders: opts.elders, demoPassword: opts.password, keys: opts.keys, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
  for (const seeder of DEMO_SEEDERS) await seeder.run(ctx);
  return { units, accounts };
}
