import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELDER_SORTS } from '@yiyang/contracts';
import { listAll } from '../src/modules/elders/elders.repository.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * An export reads the list in batches, each starting after the last row of the one before.
 * Demo elders are inserted a thousand to a statement, so many share a creation instant: the
 * cursor must break ties by id and keep created_at's microseconds.
 */
describe('export paging', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('streams every elder exactly once, in the list order, whatever the batch size and sort', async () => {
    const everyone = sql<SqlBool>`true`;
    const total = Number((await t.db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const shared = await t.db.kysely.selectFrom('elders').select('created_at').groupBy('created_at').having(sql<SqlBool>`count(*) > 1`).execute();
    expect(shared.length, 'elders sharing a creation instant').toBeGreaterThan(0);
    const ids = async (sort: (typeof ELDER_SORTS)[number], batch: number) => {
      const out: string[] = [];
      for await (const rows of listAll(t.db.kysely, everyone, [], sort, batch)) out.push(...rows.map((r) => r.id));
      return out;
    };
    for (const sort of ELDER_SORTS) {
      const whole = await ids(sort, 100_000);
      expect(whole, sort).toHaveLength(total);
      expect(await ids(sort, 37), sort).toEqual(whole);
    }
  });
});
