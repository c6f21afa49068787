/**
 * Automatic dispatch decision among 10,000 staff: the candidate query the orders module runs
 * (coverage, offer, skills, duty, hours, overlap, load, distance, rating) timed over 300 orders
 * for random elders, items and windows, with 3,000 open orders already on the books.
 * Reported as p50/p95 ms and against the same-run raw single-row insert time on the same server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BenchContext } from './run.js';
import { percentile, rawInsertRate } from './reference.js';
import { openPGlite, openPostgres, type Db } from '../apps/server/src/platform/db/database.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { seedDemoDistrict } from '../apps/server/src/seed/demo.js';
import { candidateQuery, dispatchCandidates } from '../apps/server/src/modules/orders/index.js';
import { SKILLS } from '../packages/contracts/src/catalog.js';

const STAFF = 10_000;
const OPEN_ORDERS = 3_000;
const DECISIONS = 300;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 0x1_0000_0000);
}

export default async function (ctx: BenchContext) {
  let db: Db;
  let dropDb: (() => Promise<void>) | null = null;
  if (ctx.databaseUrl) {
    const name = `yiyang_bench_dispatch_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(ctx.databaseUrl);
    u.pathname = `/${name}`;
    db = await openPostgres(u.toString(), 2);
    dropDb = async () => {
      const a = new pg.Client({ connectionString: ctx.databaseUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
    };
  } else {
    db = await openPGlite(undefined);
  }
  try {
    const r = rng(7);
    await migrate(db);
    const keys = { dataKey: Buffer.alloc(32, 1), dataKeyVersion: 1, lookupHashKey: Buffer.alloc(32, 2) };
    await seedDemoDistrict(db.kysely, { password: 'Bench-Passw0rd!', elders: 2_000, seed: 11, keys });
    const k = db.kysely;
    const district = await k.selectFrom('org_units').select(['id', 'path', 'lat', 'lng']).where('level', '=', 'district').executeTakeFirstOrThrow();
    const items = await k.selectFrom('service_items').select(['id', 'price_fen', 'skills']).execute();
    const provider = await k
      .insertInto('providers')
      .values({ name: '全区统一调度中心', kind: 'organisation', org_unit_id: district.id, covered_unit_id: district.id, covered_path: district.path, rating: '4.60' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await k.insertInto('provider_items').values(items.map((i) => ({ provider_id: provider.id, item_id: i.id, price_fen: i.price_fen }))).execute();
    ctx.log(`seeding ${STAFF} staff and ${OPEN_ORDERS} open orders`);
    const staffIds: string[] = [];
    for (let done = 0; done < STAFF; done += 1000) {
      const rows = Array.from({ length: 1000 }, () => {
        const skills = SKILLS.filter(() => r() < 0.35);
        const early = r() < 0.5;
        return {
          provider_id: provider.id,
          name: `员工${done}`,
          skills,
          base_lat: district.lat! + (r() - 0.5) * 0.12,
          base_lng: district.lng! + (r() - 0.5) * 0.14,
          work_start: early ? '07:00' : '09:00',
          work_end: early ? '17:00' : '20:00',
          on_duty: r() < 0.85,
        };
      });
      staffIds.push(...(await k.insertInto('staff').values(rows).returning('id').execute()).map((x) => x.id));
    }
    const elders = await k.selectFrom('elders as e').innerJoin('org_units as u', 'u.id', 'e.org_unit_id').select(['e.id', 'e.name', 'e.org_unit_id', 'u.path', 'e.address', 'e.lat', 'e.lng']).execute();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = tomorrow.toISOString().slice(0, 10);
    const windowAt = (hour: number, minutes: number) => {
      const start = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
      return [start, new Date(start.getTime() + minutes * 60_000)] as const;
    };
    for (let done = 0; done < OPEN_ORDERS; done += 500) {
      const rows = Array.from({ length: 500 }, () => {
        const e = elders[Math.floor(r() * elders.length)]!;
        const [ws, we] = windowAt(8 + Math.floor(r() * 10), 60 + Math.floor(r() * 60));
        return { elder_id: e.id, elder_name: e.name, org_unit_id: e.org_unit_id, org_path: e.path, address: e.address, lat: e.lat, lng: e.lng, state: 'accepted' as const, source: 'phone' as const, payer: 'self' as const, window_start: ws, window_end: we, provider_id: provider.id, staff_id: staffIds[Math.floor(r() * staffIds.length)]! };
      });
      await k.insertInto('orders').values(rows).execute();
    }
    await k.updateTable('staff').set((eb) => ({ open_orders: eb.selectFrom('orders').select(eb.fn.countAll<number>().as('n')).whereRef('orders.staff_id', '=', 'staff.id') })).execute();
    if (db.kind === 'postgres') await k.executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode', sqlFragments: ['analyze'], parameters: [] } } as never).catch(() => undefined);

    if (process.env.BENCH_EXPLAIN) {
      const e = elders[0]!;
      const [ws, we] = windowAt(10, 60);
      const q = candidateQuery({ orderId: randomUUID(), itemIds: [items[0]!.id], skills: items[0]!.skills, orgPath: e.path, lat: e.lat!, lng: e.lng!, windowStart: ws, windowEnd: we }, 2000, 8);
      const { sql } = await import('kysely');
      const plan = await sql<{ 'QUERY PLAN': string }>`explain analyze ${q}`.execute(k);
      ctx.log(plan.rows.map((x) => x['QUERY PLAN']).join('\n'));
    }
    const timings: number[] = [];
    let chosen = 0;
    let considered = 0;
    for (let i = 0; i < DECISIONS + 20; i++) {
      const e = elders[Math.floor(r() * elders.length)]!;
      const picked = [items[Math.floor(r() * items.length)]!];
      const [ws, we] = windowAt(9 + Math.floor(r() * 7), 60);
      const t0 = performance.now();
      const found = await dispatchCandidates(k, {
        orderId: randomUUID(),
        itemIds: picked.map((p) => p.id),
        skills: [...new Set(picked.flatMap((p) => p.skills))],
        orgPath: e.path,
        lat: e.lat!,
        lng: e.lng!,
        windowStart: ws,
        windowEnd: we,
      });
      const ms = performance.now() - t0;
      if (i >= 20) {
        timings.push(ms);
        if (found.eligible.length) chosen++;
        considered += found.considered;
      }
    }
    timings.sort((a, b) => a - b);
    const p50 = percentile(timings, 50);
    const p95 = percentile(timings, 95);
    ctx.log(`dispatch decision over ${STAFF} staff (${db.kind}): p50 ${p50} ms, p95 ${p95} ms; ${chosen}/${DECISIONS} found someone; avg considered ${Math.round(considered / DECISIONS)}`);
    const reference = ctx.databaseUrl ? await rawInsertRate(ctx.databaseUrl, 5_000) : null;
    const singleInsertMs = reference ? 1000 / reference.singleRowPerSec : null;
    if (reference) ctx.log(`reference: raw single-row insert ${singleInsertMs!.toFixed(3)} ms (${reference.singleRowPerSec}/s)`);
    return {
      engine: db.kind,
      staff: STAFF,
      openOrders: OPEN_ORDERS,
      decisions: DECISIONS,
      p50Ms: p50,
      p95Ms: p95,
      maxMs: percentile(timings, 100),
      targetP95Ms: 20,
      decisionsWithACandidate: chosen,
      avgStaffConsidered: Math.round(considered / DECISIONS),
      reference,
      p95InRawInserts: singleInsertMs ? Number((p95 / singleInsertMs).toFixed(1)) : null,
    };
  } finally {
    await db.close();
    await dropDb?.();
  }
}
