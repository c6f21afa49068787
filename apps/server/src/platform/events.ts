import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db, Unlisten } from './db/database.js';
import type { Database } from './db/schema.js';

/**
 * Domain events that cross modules and server instances. Publishing is a `pg_notify` inside the
 * caller's transaction, so an event goes out exactly when (and only if) its change commits, and
 * every instance listening on the same database receives it. Payloads stay small (ids, not
 * records): NOTIFY caps them at 8000 bytes.
 */
export interface DomainEvent {
  topic: string;
  /** ltree path of the org unit the event concerns; consoles outside that subtree never see it. */
  orgPath?: string | null;
  /** Users addressed directly (a responder's assignment), whatever their org scope. */
  userIds?: string[];
  data: Record<string, unknown>;
}

const CHANNEL = 'yiyang_events';
type Handler = (event: DomainEvent) => void | Promise<void>;

export class EventBus {
  private readonly handlers = new Map<string, Set<Handler>>();
  private unlisten: Unlisten | null = null;

  constructor(private readonly db: Db) {}

  async start() {
    this.unlisten = await this.db.listen(CHANNEL, (payload) => {
      let event: DomainEvent;
      try {
        event = JSON.parse(payload) as DomainEvent;
      } catch {
        return;
      }
      this.dispatch(event);
    });
  }

  async stop() {
    await this.unlisten?.();
    this.unlisten = null;
  }

  async publish(db: Kysely<Database> | Transaction<Database>, event: DomainEvent) {
    await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(db);
  }

  /** `topic` may end in `.*` to receive a family of events; `*` receives all. */
  subscribe(topic: string, handler: Handler): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  private dispatch(event: DomainEvent) {
    const keys = ['*', event.topic, `${event.topic.split('.')[0]}.*`];
    for (const key of new Set(keys)) {
      for (const h of this.handlers.get(key) ?? []) {
        Promise.resolve(h(event)).catch(() => undefined);
      }
    }
  }
}
