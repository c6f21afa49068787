import type { DemoSeedContext } from '../../seed/context.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['建国', '志强', '海峰', '晓东', '国平', '立新', '春生', '卫东'];

/**
 * One or two emergency responders per community, most on duty, each at the community's service
 * station. The `responder` demo account is the on-duty responder of the first community (the
 * family elder's), so a press of demo-button-1 can be dispatched to it.
 */
export async function seedDemoResponders(ctx: DemoSeedContext) {
  const communities = ctx.units.filter((u) => u.level === 'community');
  const account = ctx.accounts.get('responder');
  const rows = communities.flatMap((c, ci) =>
    Array.from({ length: ci % 3 === 0 ? 2 : 1 }, (_, k) => ({
      name: ci === 0 && k === 0 ? '王建国' : `${SURNAMES[(ci + k) % SURNAMES.length]}${GIVEN[(ci * 3 + k) % GIVEN.length]}`,
      phone: `139${String(10_000_000 + ci * 7919 + k).slice(-8)}`,
      org_unit_id: c.id,
      on_duty: ci === 0 && k === 0 ? true : ctx.rng.chance(0.75),
      lat: Number((c.lat + (k ? 0.002 : -0.001)).toFixed(6)),
      lng: Number((c.lng + (k ? -0.002 : 0.001)).toFixed(6)),
      position_at: new Date(),
    })),
  );
  if (rows.length === 0) return;
  const inserted = await ctx.db.insertInto('responders').values(rows).returning('id').execute();
  if (account && inserted[0]) await ctx.db.updateTable('users').set({ responder_id: inserted[0].id }).where('id', '=', account.userId).execute();
}
