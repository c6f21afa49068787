import type { ColumnType, Generated } from 'kysely';

/**
 * The Kysely view of the database. Platform tables are declared here; each domain module adds
 * its own tables by augmenting `Database` from its `<module>.tables.ts`, so a module owns its
 * tables while every query is still type-checked against one schema.
 */
export interface Database {
  org_units: OrgUnitsTable;
  users: UsersTable;
  user_elders: UserEldersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface OrgUnitsTable {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  level: 'district' | 'street' | 'community' | 'grid' | 'compound';
  /** ltree of ancestor ids (hyphens removed) ending in this unit's own id. */
  path: string;
  code: string | null;
  lat: number | null;
  lng: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  org_unit_id: string;
  password_hash: string;
  disabled: Generated<boolean>;
  provider_id: string | null;
  staff_id: string | null;
  responder_id: string | null;
  created_at: Generated<Date>;
  password_changed_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  locked_until: Date | null;
  last_failure_at: Date;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  org_unit_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: unknown | null;
}

export interface JobsTable {
  id: Generated<string>;
  queue: string;
  payload: unknown;
  run_at: Generated<Date>;
  state: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  last_error: string | null;
  singleton_key: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface UserEldersTable {
  user_id: string;
  elder_id: string;
  relation: string | null;
}
