import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_ITEMS, checkCharacter, makeIdNumber } from '@yiyang/contracts';
import { createTestApp, type TestApp } from './harness.js';
import { elderWorkbook, sampleRow } from './support/elders-xlsx.js';

const fullItems = () => Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.max])) as Record<string, number>;
const localToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** Edge cases a bureau or an attacker hits: races, impossible dates, region shapes, scope through every endpoint. */
describe('elder registry: races, edges and scope', () => {
  let t: TestApp;
  let compound: string;
  let otherCompound: string;
  let serial = 0;
  // Region 330109 and these birth dates are used by neither the demo seed nor the other tests.
  const newId = (birth = '1947-03-09') => makeIdNumber('330109', birth, 301 + 2 * serial++);
  const body = (over: Record<string, unknown> = {}) => ({
    name: '审查甲',
    idNumber: newId(),
    phone: '13812345678',
    orgUnitId: compound,
    emergencyContacts: [{ name: '周建国', relation: '儿子', phone: '13987654321' }],
    ...over,
  });
  const create = (user: string, payload: Record<string, unknown>) => t.as(user, { method: 'POST', url: '/api/v1/elders', payload });
  const rowsWith = async (idNumber: string) =>
    (await t.db.kysely.selectFrom('elders').select('id').where('id_number_masked', '=', `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`).where('birth_date', '=', `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`).execute()).length;

  beforeAll(async () => {
    t = await createTestApp();
    const community = await t.unitId('东坡社区');
    const dongpo = await t.db.kysely.selectFrom('org_units').select(sql<string>`path::text`.as('path')).where('id', '=', community).executeTakeFirstOrThrow();
    const hubin = dongpo.path.split('.').slice(0, 2).join('.');
    const under = async (path: string, inside: boolean) =>
      (await t.db.kysely.selectFrom('org_units').select('id').where('level', '=', 'compound')
        .where(inside ? sql<boolean>`path <@ ${path}::ltree` : sql<boolean>`not (path <@ ${path}::ltree)`).orderBy('path').executeTakeFirstOrThrow()).id;
    compound = await under(dongpo.path, true);
    otherCompound = await under(hubin, false);
  });
  afterAll(() => t.close());

  it('answers simultaneous registrations of one person with one 201 and 409s, never a 500 or a second row', async () => {
    for (let round = 0; round < 4; round++) {
      const idNumber = newId('1941-05-05');
      const res = await Promise.all([0, 1, 2, 3].map(() => create('community', body({ idNumber }))));
      expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      const created = res.find((r) => r.statusCode === 201)!.json().id;
      for (const r of res.filter((x) => x.statusCode === 409)) expect(r.json().error.details).toEqual({ field: 'idNumber', existingElderId: created });
      expect(await rowsWith(idNumber)).toBe(1);
    }
  });

  it('answers simultaneous corrections of two records to one ID number with one 200 and one 409', async () => {
    for (let round = 0; round < 4; round++) {
      const a = (await create('community', body())).json().id;
      const b = (await create('community', body())).json().id;
      const idNumber = newId('1942-06-06');
      const res = await Promise.all([a, b].map((id) => t.as('community', { method: 'PATCH', url: `/api/v1/elders/${id}`, payload: { idNumber } })));
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await rowsWith(idNumber)).toBe(1);
    }
  });

  it('refuses region codes no province has, with 400 naming the region', async () => {
    // 19, 77: no such province; 330006: a province and "city 00", which no county has.
    for (const region of ['190106', '770106', '300106', '330006']) {
      const first17 = `${region}19470309123`;
      const res = await create('community', body({ idNumber: first17 + checkCharacter(first17) }));
      expect(res.statusCode, region).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'body.idNumber', message: 'region code is not valid' });
    }
    // Real county codes of every kind still pass: a district, a county-level city (90), Hainan, Xinjiang.
    for (const region of ['110105', '429004', '469001', '650102']) {
      const first17 = `${region}19470309125`;
      expect((await create('community', body({ idNumber: first17 + checkCharacter(first17) }))).statusCode, region).toBe(201);
    }
  });

  it('refuses a move-out or death dated in the future or before birth, which would keep a package running', async () => {
    const id = (await create('community', body({ idNumber: newId('1945-08-01') }))).json().id;
    for (const effectiveDate of [daysFromToday(1), '2099-01-01', '1945-07-31']) {
      const res = await t.as('community', { method: 'POST', url: `/api/v1/elders/${id}/status`, payload: { status: 'deceased', effectiveDate } });
      expect(res.statusCode, effectiveDate).toBe(400);
      expect(res.json().error.details).toMatchObject({ field: 'effectiveDate' });
    }
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders/${id}` })).json().status).toBe('active');
    const today = await t.as('community', { method: 'POST', url: `/api/v1/elders/${id}/status`, payload: { status: 'moved_out', effectiveDate: localToday() } });
    expect(today.statusCode).toBe(200);
  });

  it('refuses an assessment dated before the elder was born', async () => {
    const id = (await create('community', body({ idNumber: newId('1946-04-04') }))).json().id;
    const post = (assessedAt: string) => t.as('community', { method: 'POST', url: `/api/v1/elders/${id}/assessments`, payload: { reason: 'first', assessedAt, items: fullItems() } });
    for (const assessedAt of ['1800-01-01', '1946-04-03']) {
      const res = await post(assessedAt);
      expect(res.statusCode, assessedAt).toBe(400);
      expect(res.json().error.details).toMatchObject({ field: 'assessedAt' });
    }
    expect((await post('2026-01-05')).statusCode).toBe(201);
  });

  it('answers 404 for another area’s elder on every elder endpoint, and for a move out of the caller’s area', async () => {
    const foreign = (await create('admin', body({ orgUnitId: otherCompound }))).json().id;
    const mine = (await create('community', body())).json().id;
    const foreignItem = (await t.as('admin', { method: 'POST', url: `/api/v1/elders/${foreign}/health-items`, payload: { kind: 'allergy', name: '青霉素' } })).json().id;
    const probes: [string, string, object?][] = [
      ['GET', `/api/v1/elders/${foreign}`],
      ['PATCH', `/api/v1/elders/${foreign}`, { address: '改' }],
      ['GET', `/api/v1/elders/${foreign}/assessments`],
      ['POST', `/api/v1/elders/${foreign}/assessments`, { reason: 'first', assessedAt: '2026-11-01', items: fullItems() }],
      ['GET', `/api/v1/elders/${foreign}/health-items`],
      ['POST', `/api/v1/elders/${foreign}/health-items`, { kind: 'allergy', name: '青霉素' }],
      ['POST', `/api/v1/elders/${foreign}/health-items/${foreignItem}/end`],
      ['POST', `/api/v1/elders/${mine}/health-items/${foreignItem}/end`],
      ['GET', `/api/v1/elders/${foreign}/measurements`],
      ['POST', `/api/v1/elders/${foreign}/measurements`, { kind: 'weight', measuredAt: '2026-11-01T08:00:00+08:00', value: 60 }],
      ['POST', `/api/v1/elders/${foreign}/status`, { status: 'moved_out' }],
      ['POST', `/api/v1/elders/${foreign}/reveal`, {}],
      ['PATCH', `/api/v1/elders/${mine}`, { orgUnitId: otherCompound }],
      ['GET', `/api/v1/elders?orgUnitId=${otherCompound}`],
      ['GET', `/api/v1/elders/export?orgUnitId=${otherCompound}`],
    ];
    for (const [method, url, payload] of probes) {
      const res = await t.as('community', { method: method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const after = await t.as('admin', { method: 'GET', url: `/api/v1/elders/${foreign}/health-items` });
    expect(after.json().items.map((i: { id: string }) => i.id)).toContain(foreignItem);
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders/${mine}` })).json().orgUnitId).toBe(compound);
  });

  it('never echoes a full ID-card or phone number into the stored import report, even from shifted columns', async () => {
    const unit = '东坡社区/第一网格';
    const rows = [
      sampleRow(9001, unit, { unit: '13812345678', livingSituation: '110105194912310021', categories: '139 0000 1111' }),
      sampleRow(9002, unit, { unit: '0571-87654321', categories: '11010519491231002x' }),
    ];
    const res = await t.as('community', { method: 'POST', url: '/api/v1/elders/import?fileName=shifted.xlsx', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: await elderWorkbook(rows) });
    expect(res.statusCode).toBe(202);
    await t.app.jobs.runDue();
    const report = (await t.as('community', { method: 'GET', url: `/api/v1/elders/imports/${res.json().id}` })).json();
    expect(report).toMatchObject({ status: 'rejected', errorRows: 2, importedRows: 0 });
    const stored = JSON.stringify((await t.db.kysely.selectFrom('elder_imports').select('errors').where('id', '=', report.id).executeTakeFirstOrThrow()).errors);
    for (const text of [JSON.stringify(report), stored]) {
      for (const n of ['13812345678', '11010519491231002', '13900001111', '0000 1111', '87654321']) expect(text).not.toContain(n);
    }
    // Still says which cell is wrong, masked as everywhere else.
    expect(report.errors).toContainEqual({ row: 2, column: '所属单位', message: expect.stringContaining('138****5678') });
    expect(report.errors).toContainEqual({ row: 2, column: '居住状况', message: expect.stringContaining('110105********0021') });
  });

  it('keeps the care level of the latest assessment when two are recorded at the same moment', async () => {
    const items = (total: number) => {
      const it = fullItems();
      let remove = 90 - total;
      for (const i of ASSESSMENT_ITEMS) {
        const take = Math.min(remove, i.max);
        it[i.code]! -= take;
        remove -= take;
      }
      return it;
    };
    for (let round = 0; round < 6; round++) {
      const id = (await create('community', body())).json().id;
      const post = (assessedAt: string, total: number) =>
        t.as('community', { method: 'POST', url: `/api/v1/elders/${id}/assessments`, payload: { reason: 'routine', assessedAt, items: items(total) } });
      // The later one (level 3) and an earlier one (level 1) arrive together, in either order.
      const res = await Promise.all(round % 2 ? [post('2026-10-02', 40), post('2026-10-01', 80)] : [post('2026-10-01', 80), post('2026-10-02', 40)]);
      expect(res.map((r) => r.statusCode)).toEqual([201, 201]);
      const elder = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${id}` })).json();
      expect(elder, `round ${round}`).toMatchObject({ careLevel: 3, careTier: 'full_care' });
    }
  });

  it('never lets a death recorded at the same moment as a move-out be overwritten, and audits a consistent chain', async () => {
    for (let round = 0; round < 8; round++) {
      const id = (await create('community', body())).json().id;
      const change = (status: string) => t.as('community', { method: 'POST', url: `/api/v1/elders/${id}/status`, payload: { status } });
      const [death, move] = round % 2 ? (await Promise.all([change('moved_out'), change('deceased')])).reverse() : await Promise.all([change('deceased'), change('moved_out')]);
      expect(death!.statusCode, `round ${round}`).toBe(200);
      const final = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${id}` })).json().status;
      expect(final, `round ${round}: moved out answered ${move!.statusCode}`).toBe('deceased');
      const audit = await t.db.kysely.selectFrom('audit_log').select('details').where('entity_id', '=', id).where('action', '=', 'elder.status_change').orderBy('id').execute();
      const chain = audit.map((a) => a.details as { from: string; to: string });
      for (let i = 1; i < chain.length; i++) expect(chain[i]!.from).toBe(chain[i - 1]!.to);
    }
  });

  it('tells an importer that Excel turned an ID number into a number, instead of blaming its check character', async () => {
    const unit = '东坡社区/第一网格';
    const good = sampleRow(9101, unit);
    const rows = [sampleRow(9102, unit, { idNumber: Number(good.idNumber) })];
    const res = await t.as('community', { method: 'POST', url: '/api/v1/elders/import?fileName=numeric.xlsx', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: await elderWorkbook(rows) });
    await t.app.jobs.runDue();
    const report = (await t.as('community', { method: 'GET', url: `/api/v1/elders/imports/${res.json().id}` })).json();
    expect(report).toMatchObject({ status: 'rejected', errorRows: 1 });
    expect(report.errors).toEqual([{ row: 2, column: '身份证号', message: expect.stringMatching(/stored as a number.*text/) }]);
  });

  it('answers 400 naming the field for a NUL character or a lone surrogate, which PostgreSQL cannot store (was 500)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [body({ name: '周\u0000桂芳' }), 'body.name'],
      [body({ address: 'a\u0000' }), 'body.address'],
      [body({ emergencyContacts: [{ name: '周\u0000', relation: '儿子', phone: '13987654321' }] }), 'body.emergencyContacts.0.name'],
      [body({ householdMembers: [{ name: '李明', relation: '女婿', note: 'x\u0000' }] }), 'body.householdMembers.0.note'],
      [body({ name: '周\ud800' }), 'body.name'],
      [body({ emergencyContacts: [{ name: '周', relation: '\udc00儿子', phone: '13987654321' }] }), 'body.emergencyContacts.0.relation'],
    ];
    for (const [payload, field] of cases) {
      // Sent as JSON text as a client would: lone surrogates survive as \u escapes.
      const res = await t.as('community', { method: 'POST', url: '/api/v1/elders', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
    const search = await t.as('community', { method: 'GET', url: `/api/v1/elders?q=${encodeURIComponent('周\u0000')}` });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.details[0].field).toBe('querystring.q');
  });
});
