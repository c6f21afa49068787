import type { Skill } from '@yiyang/contracts';
import type { DemoSeedContext } from '../../seed/context.js';
import type { SeededUnit } from '../../seed/org-tree.js';

const STAFF_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '胡'];
const STAFF_GIVEN = ['丽', '敏', '静', '芳', '强', '军', '杰', '霞', '平', '娟', '红', '勇', '燕', '秀珍', '桂芳', '海燕'];
const GENERALIST: Skill[] = ['cleaning', 'laundry', 'haircut', 'cooking', 'delivery', 'bathing', 'companionship', 'errands', 'escort', 'nursing'];
const SKILL_SETS: Skill[][] = [
  ['cleaning', 'laundry', 'companionship', 'errands'],
  ['bathing', 'nursing', 'companionship'],
  ['nursing', 'escort', 'rehab'],
  ['tcm', 'rehab'],
  ['repair', 'electrician', 'plumbing'],
  ['cooking', 'delivery', 'errands'],
  ['haircut', 'laundry', 'cleaning'],
  ['counselling', 'legal', 'companionship'],
];

/**
 * Demo providers: the `provider` account's service centre covers 湖滨街道 (so 东坡社区 and its
 * elders) with every item and employs the `caregiver` account; each other street has its own
 * centre; plus a canteen and partner merchants in three trades.
 */
export async function seedProviders(ctx: DemoSeedContext) {
  const { db, units, rng: r } = ctx;
  const items = await db.selectFrom('service_items').select(['id', 'code', 'category_code', 'price_fen']).execute();
  const streets = units.filter((u) => u.level === 'street');
  const district = units.find((u) => u.level === 'district')!;
  const communitiesOf = (s: SeededUnit) => units.filter((u) => u.level === 'community' && u.parentId === s.id);
  const name = () => `${r.pick(STAFF_SURNAMES)}${r.pick(STAFF_GIVEN)}`;
  const near = (u: SeededUnit, spread = 0.01) => ({ base_lat: Number((u.lat + (r.next() - 0.5) * spread).toFixed(6)), base_lng: Number((u.lng + (r.next() - 0.5) * spread).toFixed(6)) });

  const addProvider = async (p: { name: string; kind: 'organisation' | 'canteen' | 'merchant'; trade?: string; covered: SeededUnit; itemCodes: (code: string, category: string) => boolean; rating: number }) => {
    const row = await db
      .insertInto('providers')
      .values({ name: p.name, kind: p.kind, trade: p.trade ?? null, phone: `0571-8${r.int(1000000, 9999999)}`, org_unit_id: district.id, covered_unit_id: p.covered.id, covered_path: p.covered.path, rating: p.rating.toFixed(2) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const offered = items.filter((i) => p.itemCodes(i.code, i.category_code));
    if (offered.length) await db.insertInto('provider_items').values(offered.map((i) => ({ provider_id: row.id, item_id: i.id, price_fen: i.price_fen }))).execute();
    return row.id;
  };
  const addTeams = async (providerId: string, names: string[]) =>
    db.insertInto('teams').values(names.map((n) => ({ provider_id: providerId, name: n }))).returning('id').execute();

  for (const [si, street] of streets.entries()) {
    const providerId = await addProvider({ name: `${street.name.replace('街道', '')}乐龄居家养老服务中心`, kind: 'organisation', covered: street, itemCodes: (_c, cat) => cat !== 'meals' || si === 0, rating: si === 0 ? 4.8 : 4.2 + r.next() * 0.6 });
    const teams = await addTeams(providerId, ['生活照料一队', '医护康复二队']);
    const communities = communitiesOf(street);
    const staff = communities.flatMap((c, ci) =>
      Array.from({ length: si === 0 ? 2 : 1 }, (_, k) => ({
        provider_id: providerId,
        team_id: teams[(ci + k) % 2]!.id,
        name: name(),
        phone: `1${r.int(30, 89)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
        skills: SKILL_SETS[(ci + k) % SKILL_SETS.length]!,
        ...near(c),
        work_start: k === 0 ? '08:00' : '07:00',
        work_end: k === 0 ? '18:00' : '20:00',
      })),
    );
    await db.insertInto('staff').values(staff).execute();
    if (si === 0) {
      // The `provider` account runs this centre; the `caregiver` account is one of its helpers.
      const dongpo = communitiesOf(street)[0]!;
      const caregiver = ctx.accounts.get('caregiver');
      const provider = ctx.accounts.get('provider');
      const own = await db
        .insertInto('staff')
        .values({ provider_id: providerId, team_id: teams[0]!.id, user_id: caregiver?.userId ?? null, name: '李秀英', phone: '13800001234', skills: GENERALIST, ...near(dongpo, 0.004), work_start: '07:00', work_end: '21:00' })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (caregiver) await db.updateTable('users').set({ provider_id: providerId, staff_id: own.id }).where('id', '=', caregiver.userId).execute();
      if (provider) await db.updateTable('users').set({ provider_id: providerId }).where('id', '=', provider.userId).execute();
    }
  }

  const firstStreet = streets[0]!;
  const dongpo = communitiesOf(firstStreet)[0]!;
  const canteen = await addProvider({ name: `${dongpo.name}长者食堂`, kind: 'canteen', covered: dongpo, itemCodes: (_c, cat) => cat === 'meals', rating: 4.6 });
  await db.insertInto('staff').values([{ provider_id: canteen, name: name(), skills: ['delivery', 'cooking'], ...near(dongpo, 0.004), work_start: '10:00', work_end: '19:00' }]).execute();
  const merchants: { name: string; trade: string; codes: string[]; skills: Skill[] }[] = [
    { name: '老街理发店', trade: 'barber', codes: ['home_haircut', 'shaving', 'nail_trimming'], skills: ['haircut'] },
    { name: '顺安开锁服务部', trade: 'locksmith', codes: ['lock_service'], skills: ['locksmith'] },
    { name: '便民水电维修部', trade: 'plumber_electrician', codes: ['electrical_repair', 'drain_unblocking', 'lamp_replacement', 'toilet_repair'], skills: ['electrician', 'plumbing'] },
  ];
  for (const m of merchants) {
    const id = await addProvider({ name: m.name, kind: 'merchant', trade: m.trade, covered: firstStreet, itemCodes: (c) => m.codes.includes(c), rating: 4.4 });
    await db.insertInto('staff').values([{ provider_id: id, name: name(), skills: m.skills, ...near(dongpo, 0.02), work_start: '09:00', work_end: '18:00' }]).execute();
  }
}
