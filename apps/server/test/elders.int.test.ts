import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter, makeIdNumber } from '@yiyang/contracts';
import { lookupHash } from '../src/platform/crypto.js';
import { createTestApp, type TestApp } from './harness.js';
import { TEST_KEYS } from './template.js';

describe('elder registry', () => {
  let t: TestApp;
  let compound: string; // a compound in 东坡社区
  let otherCompound: string; // a compound in another street
  let community: string;
  let serial = 100;
  const newId = (birth = '1948-06-01') => makeIdNumber('330106', birth, serial++ * 2 + 1);
  const body = (over: Record<string, unknown> = {}) => ({
    name: '周桂芳',
    idNumber: newId(),
    phone: '13812345678',
    orgUnitId: compound,
    address: '解放路 12 号 3 幢 2 单元 301 室',
    location: { lat: 30.25, lng: 120.16 },
    livingSituation: ['living_alone'],
    categories: ['aged_80_plus'],
    emergencyContacts: [{ name: '周建国', relation: '儿子', phone: '13987654321' }],
    householdMembers: [{ name: '李明', relation: '女婿', livesTogether: false, phone: '13700001111' }],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    community = await t.unitId('东坡社区');
    const under = async (path: string, inside: boolean) =>
      (await t.db.kysely.selectFrom('org_units').select('id').where('level', '=', 'compound')
        .where(inside ? sql<boolean>`path <@ ${path}::ltree` : sql<boolean>`not (path <@ ${path}::ltree)`).orderBy('path').executeTakeFirstOrThrow()).id;
    const dongpo = await t.db.kysely.selectFrom('org_units').select(sql<string>`path::text`.as('path')).where('id', '=', community).executeTakeFirstOrThrow();
    const hubin = dongpo.path.split('.').slice(0, 2).join('.');
    compound = await under(dongpo.path, true);
    otherCompound = await under(hubin, false);
  });
  afterAll(() => t.close());

  const create = (user: string, payload: Record<string, unknown>) => t.as(user, { method: 'POST', url: '/api/v1/elders', payload });

  it('registers an elder with birth date and sex read from the ID number, numbers masked', async () => {
    const idNumber = makeIdNumber('330106', '1944-02-29', 124);
    const res = await create('community', body({ idNumber }));
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ name: '周桂芳', sex: 'female', birthDate: '1944-02-29', idNumber: `330106********${idNumber.slice(-4)}`, phone: '138****5678', orgUnitId: compound, careLevel: null, status: 'active' });
    expect(e.emergencyContacts).toEqual([{ name: '周建国', relation: '儿子', phone: '139****4321' }]);
    expect(e.householdMembers[0]).toMatchObject({ name: '李明', phone: '137****1111', livesTogether: false });
    expect(e.age).toBeGreaterThanOrEqual(81);
    // Stored encrypted: neither number appears in the row.
    const row = await t.db.kysely.selectFrom('elders').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(JSON.stringify(row)).not.toContain('13987654321');
  });

  it('refuses an invalid ID number with 400 naming the field and the reason', async () => {
    const good = newId();
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const nonLeap = '33010619510229123' + checkCharacter('33010619510229123');
    const cases: [string, RegExp][] = [
      [badCheck, /check character/],
      [nonLeap, /birth date/],
      [good.slice(0, 17), /18 characters/],
      ['000000' + good.slice(6), /region/],
      ['33010619480601A23X', /digits/],
    ];
    for (const [idNumber, reason] of cases) {
      const res = await create('community', body({ idNumber }));
      expect(res.statusCode, idNumber).toBe(400);
      expect(res.json().error.details[0].field).toBe('body.idNumber');
      expect(res.json().error.message).toMatch(reason);
    }
    expect((await create('community', body({ idNumber: '330106190002290010'.slice(0, 17) + checkCharacter('33010619000229001') }))).statusCode).toBe(400); // 1900 was not a leap year
  });

  it('refuses a second registration of the same person with 409, naming the record only to those who may see it', async () => {
    const idNumber = newId('1939-12-31');
    const first = await create('community', body({ idNumber }));
    expect(first.statusCode).toBe(201);
    const again = await create('community', body({ idNumber: idNumber.toLowerCase(), name: '周桂芳二' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.existingElderId).toBe(first.json().id);
    // The street of another part of the district learns that it exists, not where.
    const elsewhere = await create('admin', body({ idNumber, orgUnitId: otherCompound }));
    expect(elsewhere.statusCode).toBe(409);
    const otherGrid = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'grid').executeTakeFirstOrThrow();
    void otherGrid;
  });

  it('lists only within the caller’s scope and masks every number', async () => {
    const res = await t.as('community', { method: 'GET', url: `/api/v1/elders?pageSize=200` });
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.items.length).toBeGreaterThan(0);
    const units = await t.db.kysely.selectFrom('org_units').select('id').where(sql<boolean>`path <@ (select path from org_units where id = ${community})`).execute();
    const inside = new Set(units.map((u) => u.id));
    for (const e of list.items) {
      expect(inside.has(e.orgUnitId)).toBe(true);
      expect(e.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      if (e.phone) expect(e.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      for (const c of e.emergencyContacts) expect(c.phone).toContain('****');
    }
    const district = await t.as('admin', { method: 'GET', url: '/api/v1/elders' });
    expect(district.json().total).toBeGreaterThan(list.total);
  });

  it('counts a list exactly up to five pages ahead of the page, and says when there are more', async () => {
    const inDistrict = Number((await t.db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(inDistrict).toBeGreaterThan(70);
    const broad = (await t.as('admin', { method: 'GET', url: '/api/v1/elders?pageSize=10&page=2' })).json();
    expect(broad).toMatchObject({ total: 70, totalCapped: true });
    const alone80 = Number(
      (await t.db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n'))
        .where(sql<boolean>`categories && '{aged_80_plus}' and living_situation && '{living_alone}'`).executeTakeFirstOrThrow()).n,
    );
    expect(alone80).toBeGreaterThan(0);
    const narrow = (await t.as('admin', { method: 'GET', url: `/api/v1/elders?pageSize=${Math.min(alone80, 200)}&category=aged_80_plus&livingSituation=living_alone` })).json();
    expect(narrow).toMatchObject({ total: alone80, totalCapped: false });
    expect(narrow.items).toHaveLength(Math.min(alone80, 200));
  });

  it('finds elders by name part, pinyin initials, exact ID number and phone', async () => {
    const idNumber = newId('1941-07-07');
    const created = (await create('community', body({ name: '欧阳春花', idNumber, phone: '15811112222' }))).json();
    const find = async (q: string) => (await t.as('community', { method: 'GET', url: `/api/v1/elders?q=${encodeURIComponent(q)}` })).json().items.map((e: { id: string }) => e.id);
    expect(await find('欧阳春花')).toContain(created.id);
    expect(await find('阳春花')).toContain(created.id);
    const wu = (await create('community', body({ name: '吴春花' }))).json();
    expect(await find('春花')).toContain(wu.id);
    expect(await find('吴春')).toContain(wu.id);
    expect(await find('欧')).toContain(created.id);
    expect(await find('oych')).toContain(created.id);
    expect(await find(idNumber)).toEqual([created.id]);
    expect(await find('15811112222')).toEqual([created.id]);
    // A landline is found with or without the hyphen it was registered with.
    const landline = (await create('community', body({ name: '钟固话', phone: '0571-86001234' }))).json();
    expect(await find('057186001234')).toEqual([landline.id]);
    expect(await find('0571-86001234')).toEqual([landline.id]);
    expect(await find('%')).toEqual([]);
    // Outside the caller's scope an exact number finds nothing.
    const grid = await t.as('family', { method: 'GET', url: `/api/v1/elders?q=${idNumber}` });
    expect(grid.json().items).toEqual([]);
  });

  it('filters by org subtree, category, care level, living situation, age band and status, and sorts', async () => {
    const grid = await t.unitId('第一网格', '东坡社区');
    const q = async (qs: string) => (await t.as('admin', { method: 'GET', url: `/api/v1/elders?pageSize=200&${qs}` })).json();
    const inGrid = await q(`orgUnitId=${grid}`);
    expect(inGrid.total).toBeGreaterThan(0);
    const old = await q('ageMin=80&sort=-age');
    for (const e of old.items) expect(e.age).toBeGreaterThanOrEqual(80);
    expect(old.items[0].age).toBeGreaterThanOrEqual(old.items.at(-1).age);
    const band = await q('ageMin=70&ageMax=74');
    for (const e of band.items) expect(e.age).toBeGreaterThanOrEqual(70), expect(e.age).toBeLessThanOrEqual(74);
    const cat = await q('category=aged_80_plus&careLevel=3,4');
    for (const e of cat.items) expect(e.categories).toContain('aged_80_plus'), expect([3, 4]).toContain(e.careLevel);
    const alone = await q('livingSituation=living_alone');
    for (const e of alone.items) expect(e.livingSituation).toContain('living_alone');
    const names = (await q('sort=name')).items.map((e: { name: string }) => e.name);
    expect([...names].sort()).toEqual(names);
    const other = await t.as('community', { method: 'GET', url: `/api/v1/elders?orgUnitId=${otherCompound}` });
    expect(other.statusCode).toBe(404);
  });

  it('answers 404 for another community’s elder and lets a family account see only its own elder', async () => {
    const foreign = await create('admin', body({ orgUnitId: otherCompound }));
    expect(foreign.statusCode).toBe(201);
    const id = foreign.json().id;
    for (const method of ['GET', 'PATCH'] as const) {
      const res = await t.as('community', { method, url: `/api/v1/elders/${id}`, ...(method === 'PATCH' ? { payload: { address: 'x' } } : {}) });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(foreign.json().name === '周桂芳' ? otherCompound : 'never');
    }
    expect((await t.as('community', { method: 'POST', url: `/api/v1/elders/${id}/reveal`, payload: {} })).statusCode).toBe(404);
    const fam = await t.as('family', { method: 'GET', url: '/api/v1/elders' });
    expect(fam.json().items.map((e: { name: string }) => e.name)).toEqual(['张秀兰']);
    const famElder = fam.json().items[0];
    expect(famElder.age).toBe(84);
    expect((await t.as('family', { method: 'GET', url: `/api/v1/elders/${id}` })).statusCode).toBe(404);
    expect((await t.as('family', { method: 'PATCH', url: `/api/v1/elders/${famElder.id}`, payload: { address: 'x' } })).statusCode).toBe(403);
    // Caregivers and responders see no elder until their modules grant one.
    expect((await t.as('caregiver', { method: 'GET', url: '/api/v1/elders' })).json().total).toBe(0);
  });

  it('reveals full numbers only with elders.reveal, and writes an audit entry', async () => {
    const idNumber = newId('1950-01-15');
    const e = (await create('community', body({ idNumber, phone: '13600009999' }))).json();
    expect((await t.as('grid', { method: 'POST', url: `/api/v1/elders/${e.id}/reveal`, payload: {} })).statusCode).toBe(403);
    const res = await t.as('community', { method: 'POST', url: `/api/v1/elders/${e.id}/reveal`, payload: { fields: ['idNumber', 'phone', 'emergencyContacts'], purpose: '核对身份' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber, phone: '13600009999', emergencyContacts: [{ name: '周建国', relation: '儿子', phone: '13987654321' }] });
    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', e.id).where('action', '=', 'elder.reveal').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'community' });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(idNumber);
    // The detail view stays masked.
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders/${e.id}` })).json().idNumber).not.toBe(idNumber);
  });

  it('edits a record, re-deriving birth date and sex from a corrected ID number', async () => {
    const e = (await create('community', body())).json();
    const corrected = makeIdNumber('330106', '1946-10-10', 135);
    const res = await t.as('community', { method: 'PATCH', url: `/api/v1/elders/${e.id}`, payload: { idNumber: corrected, phone: null, livingSituation: ['empty_nest'], name: '周桂英' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '周桂英', birthDate: '1946-10-10', sex: 'male', phone: null, livingSituation: ['empty_nest'] });
    const found = await t.as('community', { method: 'GET', url: `/api/v1/elders?q=zgy` });
    expect(found.json().items.map((x: { id: string }) => x.id)).toContain(e.id);
    const bad = await t.as('community', { method: 'PATCH', url: `/api/v1/elders/${e.id}`, payload: { birthDate: '1950-01-01' } });
    expect(bad.statusCode).toBe(400);
  });

  it('edits contacts and household keeping the numbers it only saw masked, and refuses a stale list', async () => {
    const e = (await create('community', body({
      emergencyContacts: [{ name: '周建国', relation: '儿子', phone: '13987654321' }, { name: '周丽', relation: '女儿', phone: '13511112222' }],
    }))).json();
    const patch = (payload: Record<string, unknown>) => t.as('community', { method: 'PATCH', url: `/api/v1/elders/${e.id}`, payload });
    const [son, daughter] = e.emergencyContacts as { phone: string }[];
    const res = await patch({
      emergencyContacts: [
        { name: '周丽', relation: '女儿', phone: daughter!.phone, keepPhoneOf: 1 },
        { name: '周建国', relation: '长子', phone: son!.phone, keepPhoneOf: 0 },
        { name: '王芳', relation: '邻居', phone: '137 0000 2222' },
      ],
      householdMembers: [{ name: '李明', relation: '女婿', livesTogether: true, phone: e.householdMembers[0].phone, keepPhoneOf: 0 }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().emergencyContacts).toEqual([
      { name: '周丽', relation: '女儿', phone: '135****2222' },
      { name: '周建国', relation: '长子', phone: '139****4321' },
      { name: '王芳', relation: '邻居', phone: '137****2222' },
    ]);
    const revealed = (await t.as('community', { method: 'POST', url: `/api/v1/elders/${e.id}/reveal`, payload: { fields: ['emergencyContacts', 'householdMembers'] } })).json();
    expect(revealed.emergencyContacts.map((c: { phone: string }) => c.phone)).toEqual(['13511112222', '13987654321', '13700002222']);
    expect(revealed.householdMembers[0]).toMatchObject({ phone: '13700001111', livesTogether: true });
    // A kept number's lookup hash moves with it, so it is still found by exact number.
    const stored = await t.db.kysely.selectFrom('elders').select('emergency_contacts').where('id', '=', e.id).executeTakeFirstOrThrow();
    expect((stored.emergency_contacts as { phoneHash: string }[]).map((c) => c.phoneHash))
      .toEqual(['13511112222', '13987654321', '13700002222'].map((p) => lookupHash(TEST_KEYS, 'phone', p)));

    // The form was read before the list changed: position 2 no longer shows what the form showed.
    const before = JSON.stringify(stored.emergency_contacts);
    for (const stale of [
      { emergencyContacts: [{ name: '周丽', relation: '女儿', phone: '135****2222', keepPhoneOf: 2 }] },
      { emergencyContacts: [{ name: '周丽', relation: '女儿', phone: '135****2222', keepPhoneOf: 9 }] },
    ]) {
      const refused = await patch(stale);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.details.field).toBe('emergencyContacts.0.phone');
    }
    for (const bad of [
      { emergencyContacts: [{ name: '周丽', relation: '女儿', phone: '135****2222' }] },
      { emergencyContacts: [{ name: '周丽', relation: '女儿', phone: '135****2222', keepPhoneOf: -1 }] },
      { emergencyContacts: [{ name: '周丽', relation: '女儿', phone: '135****2222', keepPhoneOf: '0' }] },
      { emergencyContacts: [{ name: '周丽', relation: '女儿', phone: 'x'.repeat(5000), keepPhoneOf: 0 }] },
      { householdMembers: [{ name: '李明', relation: '女婿', phone: '137****1111' }] },
    ]) expect((await patch(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    const after = await t.db.kysely.selectFrom('elders').select('emergency_contacts').where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(after.emergency_contacts)).toBe(before);
  });

  it('changes status without deleting, and refuses changes the rules forbid with 409', async () => {
    const e = (await create('community', body())).json();
    const to = (status: string) => t.as('community', { method: 'POST', url: `/api/v1/elders/${e.id}/status`, payload: { status, effectiveDate: '2026-11-01', note: '随子女迁居' } });
    expect((await to('active')).statusCode).toBe(409);
    expect((await to('moved_out')).json()).toMatchObject({ status: 'moved_out', statusNote: '随子女迁居' });
    expect((await to('moved_out')).statusCode).toBe(409);
    expect((await to('active')).json().status).toBe('active');
    expect((await to('deceased')).json().status).toBe('deceased');
    const refused = await to('active');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toEqual({ status: 'deceased' });
    expect((await t.as('community', { method: 'PATCH', url: `/api/v1/elders/${e.id}`, payload: { address: 'x' } })).statusCode).toBe(409);
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders?status=deceased&q=${e.name}` })).json().items.map((x: { id: string }) => x.id)).toContain(e.id);
  });

  it('rejects bad input: wrong types, missing fields, huge strings, no contacts, wrong unit level, unknown fields', async () => {
    const cases: Record<string, unknown>[] = [
      body({ name: 123 }),
      body({ name: 'x'.repeat(51) }),
      body({ emergencyContacts: [] }),
      body({ emergencyContacts: [{ name: '甲', relation: '子', phone: '123' }] }),
      body({ phone: '1234' }),
      body({ livingSituation: ['rich'] }),
      body({ orgUnitId: 'not-a-uuid' }),
      body({ sex: 'male' }),
      body({ birthDate: '1950-01-01' }),
      { name: '张三' },
    ];
    for (const payload of cases) expect((await create('community', payload)).statusCode, JSON.stringify(payload)).toBe(400);
    expect((await create('community', body({ orgUnitId: community }))).statusCode).toBe(400);
    expect((await create('community', body({ orgUnitId: otherCompound }))).statusCode).toBe(404);
    expect((await create('community', body({ orgUnitId: '00000000-0000-4000-8000-000000000000' }))).statusCode).toBe(404);
    expect((await t.as('community', { method: 'GET', url: '/api/v1/elders?careLevel=7' })).statusCode).toBe(400);
    expect((await t.as('community', { method: 'GET', url: '/api/v1/elders?pageSize=100000' })).statusCode).toBe(400);
    expect((await t.as('community', { method: 'GET', url: '/api/v1/elders/not-a-uuid' })).statusCode).toBe(400);
    expect((await t.as('community', { method: 'PATCH', url: `/api/v1/elders/00000000-0000-4000-8000-000000000000`, payload: {} })).statusCode).toBe(400);
    expect((await t.as('operator', { method: 'POST', url: '/api/v1/elders', payload: body() })).statusCode).toBe(403);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/elders' })).statusCode).toBe(401);
  });
});
