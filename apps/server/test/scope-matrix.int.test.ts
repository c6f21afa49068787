import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Role × org unit: each account sees and changes its own subtree and nothing else. A unit outside
 * the caller's subtree answers 404, exactly like one that does not exist.
 */
describe('org scope matrix', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = {
      district: await t.unitId('颐和区'),
      ownStreet: await t.unitId('湖滨街道'),
      otherStreet: await t.unitId('清波街道'),
      ownCommunity: await t.unitId('东坡社区'),
      siblingCommunity: await t.unitId('青年社区'),
      otherStreetCommunity: (await t.db.kysely.selectFrom('org_units as o').innerJoin('org_units as p', 'p.id', 'o.parent_id').select('o.id').where('p.name', '=', '清波街道').executeTakeFirstOrThrow()).id,
      ownGrid: await t.unitId('第一网格', '东坡社区'),
      siblingGrid: await t.unitId('第二网格', '东坡社区'),
    };
  });
  afterAll(() => t.close());

  const visible = async (username: string) => {
    const res = await t.as(username, { method: 'GET', url: '/api/v1/org-units' });
    expect(res.statusCode).toBe(200);
    return new Set((res.json().items as { id: string }[]).map((u) => u.id));
  };
  const countUnder = async (name: string) => {
    const row = await t.db.kysely
      .selectFrom('org_units as o')
      .innerJoin('org_units as root', (j) => j.onTrue())
      .where('root.name', '=', name)
      .where((eb) => eb(eb.ref('o.path'), '<@' as never, eb.ref('root.path')))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const matrix: [string, string[], string[]][] = [
    // username, units it must see, units it must not see
    ['admin', ['district', 'ownStreet', 'otherStreet', 'ownCommunity', 'otherStreetCommunity'], []],
    ['street', ['ownStreet', 'ownCommunity', 'siblingCommunity', 'ownGrid'], ['district', 'otherStreet', 'otherStreetCommunity']],
    ['community', ['ownCommunity', 'ownGrid', 'siblingGrid'], ['district', 'ownStreet', 'siblingCommunity', 'otherStreetCommunity']],
    ['grid', ['ownGrid'], ['ownCommunity', 'siblingGrid', 'siblingCommunity']],
  ];

  for (const [username, sees, blind] of matrix) {
    it(`${username} sees exactly its subtree in the list and by id`, async () => {
      const list = await visible(username);
      for (const k of sees) {
        expect(list.has(ids[k]!), `${username} should see ${k}`).toBe(true);
        expect((await t.as(username, { method: 'GET', url: `/api/v1/org-units/${ids[k]}` })).statusCode).toBe(200);
      }
      for (const k of blind) {
        expect(list.has(ids[k]!), `${username} should not see ${k}`).toBe(false);
        const res = await t.as(username, { method: 'GET', url: `/api/v1/org-units/${ids[k]}` });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain(ids[k]);
      }
    });
  }

  it('a street admin sees all of its street and nothing else', async () => {
    const list = await visible('street');
    expect(list.size).toBe(await countUnder('湖滨街道'));
  });

  it('a community worker of one community sees none of another (same answer as a missing unit)', async () => {
    const foreign = await t.as('community', { method: 'GET', url: `/api/v1/org-units/${ids.siblingCommunity}` });
    const missing = await t.as('community', { method: 'GET', url: '/api/v1/org-units/00000000-0000-4000-8000-000000000000' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('a street admin cannot change or create anything in another street', async () => {
    const rename = await t.as('street', { method: 'PATCH', url: `/api/v1/org-units/${ids.otherStreetCommunity}`, payload: { name: '被改名社区' } });
    expect(rename.statusCode).toBe(404);
    const create = await t.as('street', { method: 'POST', url: '/api/v1/org-units', payload: { parentId: ids.otherStreet, name: '新社区' } });
    expect(create.statusCode).toBe(404);
    const moveIn = await t.as('street', { method: 'PATCH', url: `/api/v1/org-units/${ids.siblingCommunity}`, payload: { parentId: ids.otherStreet } });
    expect(moveIn.statusCode).toBe(404);
    const unchanged = await t.db.kysely.selectFrom('org_units').select(['name', 'parent_id']).where('id', '=', ids.otherStreetCommunity!).executeTakeFirstOrThrow();
    expect(unchanged.name).not.toBe('被改名社区');
  });

  it('a community worker may not manage units at all', async () => {
    const res = await t.as('community', { method: 'POST', url: '/api/v1/org-units', payload: { parentId: ids.ownCommunity, name: '第九网格' } });
    expect(res.statusCode).toBe(403);
  });

  it('a filter for a unit outside the scope is a 404, not an empty list', async () => {
    const res = await t.as('community', { method: 'GET', url: `/api/v1/org-units?rootId=${ids.siblingCommunity}` });
    expect(res.statusCode).toBe(404);
  });

  it('provider-side and family accounts see no registry administration', async () => {
    for (const username of ['caregiver', 'responder', 'family', 'provider']) {
      expect((await t.as(username, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
      expect((await t.as(username, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    }
  });
});
