import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { sendSigned, sosEvent } from './devices-support.js';

type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The elder page's alarm tab: GET /alarms?elderId=… lists one elder's alarms, inside the caller's area only. */
describe('one elder’s alarms', () => {
  let t: TestApp;
  let zhang: string; // 张秀兰, the demo call button's elder, in the community account's area
  let neighbour: { id: string; org_unit_id: string }; // another elder of the same community
  let foreign: { id: string; org_unit_id: string }; // an elder in another street
  let quiet: string; // a third elder of the community, without alarms
  const alarms: Record<string, string> = {};
  const list = async (user: string, query: string) => t.as(user, { method: 'GET', url: `/api/v1/alarms?${query}` });
  const ids = async (user: string, query: string) => {
    const res = await list(user, query);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as AnyJson[]).map((a) => a.id as string).sort();
  };
  /** An alarm as ingestion would leave it, for an elder without a device of its own. */
  const insertAlarm = async (elder: { id: string; org_unit_id: string }, device: string, closed: boolean) =>
    (
      await t.db.kysely
        .insertInto('alarms')
        .values({ kind: 'fall', priority: 1, device_id: device, elder_id: elder.id, org_unit_id: elder.org_unit_id, ...(closed ? { state: 'closed', closed_at: new Date(), outcome: 'resolved_by_phone' } : {}) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestApp();
    zhang = (await t.as('family', { method: 'GET', url: '/api/v1/auth/me' })).json().elderIds[0];
    const community = await t.db.kysely.selectFrom('users as u').innerJoin('org_units as o', 'o.id', 'u.org_unit_id').select(sql<string>`o.path::text`.as('path')).where('u.username', '=', 'community').executeTakeFirstOrThrow();
    const elderIn = (inside: boolean) =>
      t.db.kysely
        .selectFrom('elders as e')
        .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
        .select(['e.id', 'e.org_unit_id'])
        .where('e.id', '!=', zhang)
        .where(inside ? sql<boolean>`o.path <@ ${community.path}::ltree` : sql<boolean>`not (o.path <@ ${community.path}::ltree)`)
        .orderBy('e.id')
        .limit(2)
        .execute();
    const inside = await elderIn(true);
    expect(inside).toHaveLength(2);
    [neighbour, quiet] = [inside[0]!, inside[1]!.id];
    foreign = (await elderIn(false))[0]!;

    const press = async (type: string) => (await sendSigned(t, sosEvent({ type }))).json().results[0].alarmId as string;
    alarms.zhangLive = await press('sos');
    alarms.zhangClosed = await press('fall');
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/alarms/${alarms.zhangClosed}/false-alarm`, payload: {} })).statusCode).toBe(200);
    alarms.neighbourLive = await insertAlarm(neighbour, 'test-neighbour-1', false);
    alarms.neighbourClosed = await insertAlarm(neighbour, 'test-neighbour-1', true);
    alarms.foreignLive = await insertAlarm(foreign, 'test-foreign-1', false);
  });
  afterAll(() => t.close());

  it('lists only that elder’s live alarms, and its closed ones in the closed view', async () => {
    // Without the filter the community account sees both elders' alarms: the filter is what narrows.
    expect(await ids('community', 'view=live')).toEqual([alarms.zhangLive, alarms.neighbourLive].sort());
    expect(await ids('community', `view=live&elderId=${zhang}`)).toEqual([alarms.zhangLive]);
    expect(await ids('community', `elderId=${zhang}`)).toEqual([alarms.zhangLive]); // live is the default view
    expect(await ids('community', `view=closed&elderId=${zhang}`)).toEqual([alarms.zhangClosed]);
    expect(await ids('community', `view=live&elderId=${neighbour.id}`)).toEqual([alarms.neighbourLive]);
    expect(await ids('community', `view=closed&elderId=${neighbour.id}`)).toEqual([alarms.neighbourClosed]);
    const closed = (await list('community', `view=closed&elderId=${zhang}`)).json().items[0];
    expect(closed).toMatchObject({ elderId: zhang, elderName: '张秀兰', state: 'closed', outcome: 'false_alarm', kind: 'fall' });
  });

  it('answers an empty list for an elder with no alarms', async () => {
    expect(await ids('community', `view=live&elderId=${quiet}`)).toEqual([]);
    expect(await ids('community', `view=closed&elderId=${quiet}`)).toEqual([]);
  });

  it('answers 404 for an elder outside the caller’s area, or none at all, and 400 for a bad id', async () => {
    const far = await list('community', `view=live&elderId=${foreign.id}`);
    expect(far.statusCode).toBe(404);
    expect(far.json().error.code).toBe('NOT_FOUND');
    expect((await list('community', `view=closed&elderId=${foreign.id}`)).statusCode).toBe(404);
    expect((await list('community', 'elderId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // The district's operator sees the same elder and its alarm.
    expect(await ids('operator', `view=live&elderId=${foreign.id}`)).toEqual([alarms.foreignLive]);
    const bad = await list('community', 'elderId=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await list('family', `elderId=${zhang}`)).statusCode).toBe(403);
  });
});
