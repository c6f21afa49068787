import type { CareTier, EligibilityCategory, LivingSituation } from '@yiyang/contracts';
import { encryptField, lookupHash, maskIdNumber, maskPhone, type FieldKeys } from '../../platform/crypto.js';
import type { DemoSeedContext } from '../../seed/context.js';
import type { SeededUnit } from '../../seed/org-tree.js';
import type { Rng } from '../../seed/rng.js';
import { makeIdNumber } from './elders.id-number.js';
import { initialsOf } from './elders.initials.js';
import { makeSeedRecords } from './elders.seed-records.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '沈', '蒋', '钱'];
const GIVEN_MALE = ['建国', '建华', '国强', '志明', '德福', '富贵', '永康', '长生', '文华', '振华', '立新', '宝山', '金龙', '庆丰', '茂林', '玉山', '忠', '明', '伟', '春生', '家和', '树德'];
const GIVEN_FEMALE = ['秀英', '桂英', '秀兰', '玉兰', '凤英', '桂兰', '淑珍', '丽华', '美玲', '素芬', '月娥', '翠花', '金凤', '慧', '芳', '兰英', '巧云', '雪梅', '爱华', '文英'];
const RELATIONS = ['儿子', '女儿', '配偶', '孙子', '孙女', '侄子', '邻居'];
const STREET_NAMES = ['解放路', '庆春路', '延安路', '中山中路', '清河坊街', '南山路', '凤起路', '建国南路', '望江路', '秋涛路'];
// Region codes of Hangzhou's districts, so the numbers look local.
const REGION_CODES = ['330102', '330103', '330104', '330105', '330106', '330108'];

/** Ages skewed as in the domain brief: about a fifth of the 60+ are 80 or older. */
function pickAge(r: Rng): number {
  const x = r.next();
  if (x < 0.48) return r.int(60, 69);
  if (x < 0.79) return r.int(70, 79);
  if (x < 0.96) return r.int(80, 89);
  return r.int(90, 102);
}

function pickCareLevel(r: Rng, age: number): number {
  const x = r.next() + (age >= 85 ? 0.25 : age >= 75 ? 0.1 : 0);
  if (x < 0.55) return 0;
  if (x < 0.8) return 1;
  if (x < 0.9) return 2;
  if (x < 0.97) return 3;
  return 4;
}

export function tierOfLevel(level: number): CareTier {
  return level <= 1 ? 'self_care' : level === 2 ? 'semi_care' : 'full_care';
}

function mobile(r: Rng): string {
  return `1${r.pick(['38', '39', '58', '59', '36', '51', '88', '86'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

export interface SeedElderRow {
  name: string;
  name_initials: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  org_unit_id: string;
  address: string;
  lat: number;
  lng: number;
  living_situation: string[];
  categories: string[];
  care_level: number;
  care_tier: CareTier;
  emergency_contacts: string;
}


/** One plausible elder living in `compound`; `serial` keeps ID numbers unique within a run. */
export function makeSeedElder(r: Rng, keys: FieldKeys, compound: SeededUnit, serial: number, today = new Date()): SeedElderRow {
  // The serial fixes region, sequence and birth month/day, so numbers are unique for the first
  // 2,016,000 elders of a run whatever the random birth year; the sequence's parity is the sex.
  const region = REGION_CODES[serial % REGION_CODES.length]!;
  const seq = Math.floor(serial / REGION_CODES.length) % 1000;
  const cycle = Math.floor(serial / (REGION_CODES.length * 1000));
  const sex = seq % 2 === 1 ? 'male' : 'female';
  const age = pickAge(r);
  const year = today.getUTCFullYear() - age - 1;
  const birthDate = `${year}-${String((cycle % 12) + 1).padStart(2, '0')}-${String((Math.floor(cycle / 12) % 28) + 1).padStart(2, '0')}`;
  const idNumber = makeIdNumber(region, birthDate, seq);
  const name = `${r.pick(SURNAMES)}${r.pick(sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE)}`;
  const phone = mobile(r);
  const living = new Set<LivingSituation>();
  if (r.chance(0.12 + (age >= 80 ? 0.1 : 0))) living.add('living_alone');
  else if (r.chance(0.35)) living.add('empty_nest');
  if (r.chance(0.02)) living.add('childless_alone');
  if (r.chance(0.015)) living.add('lost_only_child');
  if (r.chance(age >= 80 ? 0.08 : 0.02)) living.add('dementia');
  // GB/T 42195 raises a diagnosed dementia by one level, so such an elder is never level 0: the
  // elder's level must be the one their seeded assessment (diagnosis F03) comes to.
  const picked = pickCareLevel(r, age);
  const careLevel = living.has('dementia') ? Math.max(1, picked) : picked;
  if (careLevel >= 3) living.add('disabled');
  const categories = new Set<EligibilityCategory>();
  if (age >= 80) categories.add('aged_80_plus');
  if (r.chance(0.006)) categories.add(r.chance(0.81) ? 'dispersed_special_hardship' : 'special_hardship');
  if (r.chance(0.03)) categories.add('min_living_allowance');
  if (r.chance(0.01)) categories.add('registered_poor');
  if (r.chance(0.02)) categories.add('entitled_groups');
  if (living.has('lost_only_child')) categories.add('family_planning_special');
  if (careLevel === 4 && r.chance(0.5)) categories.add('severely_disabled');
  const contacts = Array.from({ length: r.int(1, 2) }, () => {
    const p = mobile(r);
    return { name: `${name[0]}${r.pick([...GIVEN_MALE, ...GIVEN_FEMALE])}`, relation: r.pick(RELATIONS), phoneEnc: encryptField(keys, p), phoneMasked: maskPhone(p), phoneHash: lookupHash(keys, 'phone', p) };
  });
  return {
    name,
    name_initials: initialsOf(name),
    id_number_enc: encryptField(keys, idNumber),
    id_number_hash: lookupHash(keys, 'id_number', idNumber),
    id_number_masked: maskIdNumber(idNumber),
    sex,
    birth_date: birthDate,
    phone_enc: encryptField(keys, phone),
    phone_hash: lookupHash(keys, 'phone', phone),
    phone_masked: maskPhone(phone),
    org_unit_id: compound.id,
    address: `${r.pick(STREET_NAMES)}${r.int(1, 399)}号 ${compound.name}${r.int(1, 30)}幢${r.int(1, 6)}单元${r.int(1, 18)}0${r.int(1, 4)}室`,
    lat: Number((compound.lat + (r.next() - 0.5) * 0.002).toFixed(6)),
    lng: Number((compound.lng + (r.next() - 0.5) * 0.002).toFixed(6)),
    living_situation: [...living],
    categories: [...categories],
    care_level: careLevel,
    care_tier: tierOfLevel(careLevel),
    emergency_contacts: JSON.stringify(contacts),
  };
}

/**
 * Demo elders spread over the compounds. The first elder in the family account's compound is the
 * one the `family` account acts for (84, living alone: the person the alarm centre exists for).
 */
export async function seedDemoElders(ctx: DemoSeedContext, keys: FieldKeys) {
  const compounds = ctx.units.filter((u) => u.level === 'compound');
  const family = ctx.accounts.get('family');
  const base = ctx.append
    ? Number((await ctx.db.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
    : 0;
  const batch = 1000;
  // Every demo elder has a health record; large bench districts keep assessments and check-ups
  // to a realistic demo-sized number so a million-elder seed stays a matter of minutes.
  const share = {
    assessment: Math.min(0.6, 60_000 / Math.max(1, ctx.elders)),
    healthItems: Math.min(1, 100_000 / Math.max(1, ctx.elders)),
    measurements: Math.min(0.2, 6_000 / Math.max(1, ctx.elders)),
  };
  const makeBatch = (done: number) => {
    const rows: SeedElderRow[] = [];
    for (let i = done; i < Math.min(done + batch, ctx.elders); i++) {
      rows.push(makeSeedElder(ctx.rng, keys, compounds[(base + i) % compounds.length]!, base + i));
    }
    return rows;
  };
  // A re-run of the CLI may draw a number already present; skip it rather than fail the batch.
  const insert = (rows: SeedElderRow[]) =>
    ctx.db.insertInto('elders').values(rows).onConflict((oc) => oc.column('id_number_hash').doNothing()).returning(['id', 'care_level', 'living_situation']).execute();
  // On PostgreSQL the next batch is encrypted while the database writes the previous one.
  let pending: Promise<unknown> = Promise.resolve();
  let next = ctx.elders > 0 ? makeBatch(0) : [];
  for (let done = 0; done < ctx.elders; done += batch) {
    const writing = insert(next);
    next = done + batch < ctx.elders ? makeBatch(done + batch) : [];
    const inserted = await writing;
    await pending;
    pending = insertSeedRecords(ctx, makeSeedRecords(ctx.rng, inserted, share));
    ctx.onProgress?.(Math.min(done + batch, ctx.elders), ctx.elders, 'elders');
  }
  await pending;
  if (!ctx.append && family) {
    const compound = ctx.units.find((u) => u.id === family.orgUnitId)!;
    const elder = makeSeedElder(ctx.rng, keys, compound, base + ctx.elders + 1);
    const idNumber = makeIdNumber('330102', '1942-03-15', 222);
    const row = {
      ...elder,
      name: '张秀兰',
      name_initials: 'zxl',
      sex: 'female' as const,
      birth_date: '1942-03-15',
      id_number_enc: encryptField(keys, idNumber),
      id_number_hash: lookupHash(keys, 'id_number', idNumber),
      id_number_masked: maskIdNumber(idNumber),
      living_situation: ['living_alone'],
      categories: ['aged_80_plus'],
      care_level: 2,
      care_tier: 'semi_care' as const,
    };
    const inserted = await ctx.db.insertInto('elders').values(row).returning(['id', 'care_level', 'living_situation']).executeTakeFirstOrThrow();
    await insertSeedRecords(ctx, makeSeedRecords(ctx.rng, [inserted], { assessment: 1, healthItems: 1, measurements: 1 }));
    await ctx.db.insertInto('user_elders').values({ user_id: family.userId, elder_id: inserted.id, relation: '儿子' }).execute();
  }
}

async function insertSeedRecords(ctx: DemoSeedContext, records: ReturnType<typeof makeSeedRecords>) {
  // Chunks keep each statement under PostgreSQL's 65,535 bind parameters.
  const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
  for (const c of chunks(records.assessments, 2000)) await ctx.db.insertInto('elder_assessments').values(c).execute();
  for (const c of chunks(records.items, 3000)) await ctx.db.insertInto('elder_health_items').values(c).execute();
  for (const c of chunks(records.measurements, 4000)) await ctx.db.insertInto('elder_measurements').values(c).execute();
}
