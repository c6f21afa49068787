import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './db/schema.js';

/**
 * A durable job queue in PostgreSQL (`FOR UPDATE SKIP LOCKED`). SLA timers, monthly issuance and
 * scans live here rather than in `setTimeout`, so they survive a restart: a job is a row, claimed
 * with a lease; a worker that dies mid-job lets its lease expire and another run picks it up.
 * Written in-house rather than pg-boss because it must also run on embedded PGlite.
 */
export type JobHandler = (payload: Record<string, unknown>, job: { id: string; attempts: number }) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one pending job per key: re-enqueueing the same timer is a no-op. */
  singletonKey?: string;
  maxAttempts?: number;
}

type Queryable = Kysely<Database> | Transaction<Database>;

export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, number>();
  private readonly subscribers = new Map<string, string[]>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: FastifyBaseLogger,
    private readonly opts: { pollMs?: number; leaseSeconds?: number; batch?: number } = {},
  ) {}

  register(queue: string, handler: JobHandler) {
    this.handlers.set(queue, handler);
  }

  /**
   * Durable domain events between modules: `publish` (inside the writer's transaction) gives each
   * subscribing module a job of its own, retried on its own. The publisher need not know who
   * listens — the registry does not depend on the modules that react to it.
   */
  subscribe(event: string, subscriber: string, handler: JobHandler) {
    const queue = `${event}>${subscriber}`;
    this.register(queue, handler);
    this.subscribers.set(event, [...(this.subscribers.get(event) ?? []), queue]);
  }

  async publish(db: Queryable, event: string, payload: Record<string, unknown>) {
    for (const queue of this.subscribers.get(event) ?? []) await this.enqueue(db, queue, payload);
  }

  /** A job that re-schedules itself every `everyMs` after each run. */
  every(queue: string, everyMs: number, handler: JobHandler) {
    this.recurring.set(queue, everyMs);
    this.register(queue, async (payload, job) => {
      try {
        await handler(payload, job);
      } finally {
        await this.enqueue(this.db, queue, {}, { runAt: new Date(Date.now() + everyMs), singletonKey: `recurring:${queue}:next` });
      }
    });
  }

  async enqueue(db: Queryable, queue: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}) {
    const row = await db
      .insertInto('jobs')
      .values({
        queue,
        payload: JSON.stringify(payload),
        run_at: opts.runAt ?? new Date(),
        max_attempts: opts.maxAttempts ?? 5,
        singleton_key: opts.singletonKey ?? null,
      })
      .onConflict((oc) =>
        oc.column('singleton_key').where('singleton_key', 'is not', null).where('state', 'in', ['pending', 'running']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Cancels a pending timer (e.g. the order was accepted before its deadline). */
  async cancel(db: Queryable, singletonKey: string) {
    await db.deleteFrom('jobs').where('singleton_key', '=', singletonKey).where('state', '=', 'pending').execute();
  }

  async start() {
    this.stopped = false;
    for (const [queue, everyMs] of this.recurring) {
      const pending = await this.db.selectFrom('jobs').select('id').where('queue', '=', queue).where('state', 'in', ['pending', 'running']).executeTakeFirst();
      if (!pending) await this.enqueue(this.db, queue, {}, { runAt: new Date(Date.now() + everyMs), singletonKey: `recurring:${queue}:next` });
    }
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  /** Runs due jobs now; tests use it to avoid waiting for the poll. */
  async runDue(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let total = 0;
    try {
      for (;;) {
        const jobs = await this.claim();
        if (jobs.length === 0) break;
        total += jobs.length;
        for (const job of jobs) await this.execute(job);
      }
    } finally {
      this.running = false;
    }
    return total;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.runDue()
        .then(() => undefined)
        .catch((err) => this.log.error({ err }, 'job poll failed'))
        .finally(() => this.schedule(this.opts.pollMs ?? 500));
    }, ms);
    this.timer.unref();
  }

  private async claim() {
    const lease = this.opts.leaseSeconds ?? 300;
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return [];
    const result = await sql<{ id: string; queue: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>`
      update jobs set state = 'running', attempts = attempts + 1,
        locked_until = now() + make_interval(secs => ${lease})
      where id in (
        select id from jobs
        where queue in (${sql.join(queues)})
          and ((state = 'pending' and run_at <= now()) or (state = 'running' and locked_until < now()))
        order by run_at
        limit ${this.opts.batch ?? 20}
        for update skip locked)
      returning id, queue, payload, attempts, max_attempts`.execute(this.db);
    return result.rows;
  }

  private async execute(job: { id: string; queue: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }) {
    const handler = this.handlers.get(job.queue);
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload, job);
      await this.db.updateTable('jobs').set({ state: 'done', finished_at: new Date(), locked_until: null }).where('id', '=', job.id).execute();
    } catch (err) {
      const failed = job.attempts >= job.max_attempts;
      this.log.warn({ err, job: job.id, queue: job.queue, attempts: job.attempts }, failed ? 'job failed for good' : 'job failed, will retry');
      await this.db
        .updateTable('jobs')
        .set({
          state: failed ? 'failed' : 'pending',
          last_error: String((err as Error)?.message ?? err).slice(0, 2000),
          locked_until: null,
          run_at: new Date(Date.now() + Math.min(2 ** job.attempts * 1000, 300_000)),
          ...(failed ? { finished_at: new Date() } : {}),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
}
