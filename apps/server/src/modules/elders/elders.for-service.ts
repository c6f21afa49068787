import type { ElderStatus } from '@yiyang/contracts';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { elderVisibleTo } from './elders.access.js';

export interface ElderForService {
  id: string;
  name: string;
  org_unit_id: string;
  org_path: string;
  address: string;
  lat: number | null;
  lng: number | null;
  status: ElderStatus;
}

/**
 * What other modules (orders, plans) may read about an elder, scoped exactly like the registry
 * (elders.access.ts). Pass `actor: null` only from trusted background jobs.
 */
export async function findElderForService(db: Kysely<Database> | Transaction<Database>, actor: Actor | null, elderId: string): Promise<ElderForService | undefined> {
  let q = db
    .selectFrom('elders as e')
    .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .select(['e.id', 'e.name', 'e.org_unit_id', sql<string>`u.path::text`.as('org_path'), 'e.address', 'e.lat', 'e.lng', 'e.status'])
    .where('e.id', '=', elderId);
  if (actor) q = q.where(elderVisibleTo(actor));
  return q.executeTakeFirst();
}
