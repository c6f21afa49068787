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
  // The demo responder is on its rounds at the family elder's door: the nearest help for demo-button-1.
  const family = ctx.accounts.get('family');
  const familyElder = family
    ? await ctx.db.selectFrom('user_elders as ue').innerJoin('elders as e', 'e.id', 'ue.elder_id').select(['e.lat', 'e.lng']).where('ue.user_id', '=', family.userId).executeTakeFirst()
    : undefined;
  const home = familyElder?.lat != null && familyElder.lng != null ? { lat: familyElder.lat, lng: familyElder.lng } : null;
  const rows = communities.flatMap((c, ci) =>
    Array.from({ length: ci % 3 === 0 ? 2 : 1 }, (_, k) => ({
      name: ci === 0 && k === 0 ? '王建国' : `${SURNAMES[(ci + k) % SURNAMES.length]}${GIVEN[(ci * 3 + k) % GIVEN.length]}`,
      phone: `139${String(10_000_000 + ci * 7919 + k).slice(-8)}`,
      org_unit_id: c.id,
      on_duty: ci === 0 && k === 0 ? true : ctx.rng.chance(0.75),
      lat: ci === 0 && k === 0 && home ? home.lat : Number((c.lat + (k ? 0.002 : -0.001)).toFixed(6)),
      lng: ci === 0 && k === 0 && home ? home.lng : Number((c.lng + (k ? -0.002 : 0.001)).toFixed(6)),
      position_at: new Date(),
    })),
  );
  if (rows.length === 0) return;
  const inserted = await ctx.db.insertInto('responders').values(rows).returning('id').execute();
  if (account && inserted[0]) await ctx.db.updateTable('users').set({ responder_id: inserted[0].id }).where('id', '=', account.userId).execute();
}
