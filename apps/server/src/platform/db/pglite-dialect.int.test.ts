import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Db } from './database.js';

// The reason this dialect exists: with a single shared PGlite connection, a query from another
// caller issued while a transaction is open must wait for it, not run inside it.
describe('SerialPGliteDialect', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPGlite(undefined);
    await sql`create table t (v text)`.execute(db.kysely);
  });
  afterAll(() => db.close());

  it('keeps an outside write out of a transaction that rolls back', async () => {
    let outside: Promise<unknown> | undefined;
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('t' as never).values({ v: 'inside' } as never).execute();
        // Issued by "another request" while the transaction is open:
        outside = db.kysely.insertInto('t' as never).values({ v: 'outside' } as never).execute();
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await outside;
    const rows = await sql<{ v: string }>`select v from t order by v`.execute(db.kysely);
    expect(rows.rows.map((r) => r.v)).toEqual(['outside']);
  });

  it('makes an outside read wait for the commit instead of seeing uncommitted rows', async () => {
    await sql`delete from t`.execute(db.kysely);
    const seen: number[] = [];
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('t' as never).values({ v: 'a' } as never).execute();
      void sql<{ n: number }>`select count(*)::int as n from t`.execute(db.kysely).then((r) => seen.push(r.rows[0]!.n));
      await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([]); // still waiting
      await trx.insertInto('t' as never).values({ v: 'b' } as never).execute();
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([2]);
  });

  it('runs multi-statement scripts without parameters', async () => {
    await sql.raw('create table s1 (x int); insert into s1 values (1); insert into s1 values (2)').execute(db.kysely);
    const r = await sql<{ n: number }>`select sum(x)::int as n from s1`.execute(db.kysely);
    expect(r.rows[0]!.n).toBe(3);
  });
});
