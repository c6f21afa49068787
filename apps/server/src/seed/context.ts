import type { Kysely } from 'kysely';
import type { Role } from '@yiyang/contracts';
import type { FieldKeys } from '../platform/crypto.js';
import type { Database } from '../platform/db/schema.js';
import type { SeededUnit } from './org-tree.js';
import type { Rng } from './rng.js';

export const DEMO_USERNAMES = ['admin', 'street', 'community', 'grid', 'operator', 'provider', 'caregiver', 'responder', 'family'] as const;

export interface DemoAccount {
  username: (typeof DEMO_USERNAMES)[number];
  role: Role;
  displayName: string;
  orgUnitId: string;
  userId: string;
}

/** What module seeders get: the tree, the demo accounts, and a seeded random source. */
export interface DemoSeedContext {
  db: Kysely<Database>;
  units: SeededUnit[];
  accounts: Map<DemoAccount['username'], DemoAccount>;
  rng: Rng;
  /** Elders to create (the seed CLI's --elders). */
  elders: number;
  demoPassword: string;
  /** Keys for sensitive fields (ID and phone numbers are encrypted even in demo data). */
  keys: FieldKeys;
  onProgress?: (done: number, total: number, label: string) => void;
  /** True when adding to an existing district (seed CLI, second run) rather than building it. */
  append?: boolean;
}

export type DemoSeeder = (ctx: DemoSeedContext) => Promise<void>;


