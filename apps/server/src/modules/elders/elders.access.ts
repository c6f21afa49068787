import { sql, type Expression, type SqlBool } from 'kysely';
import type { Role } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { inOrgScope } from '../../platform/scope.js';

/**
 * Which elders a caller may see, as one SQL condition on the `e` alias of `elders`. Registry and
 * alarm-centre roles see their org subtree; a family account sees the elders it is linked to;
 * provider staff, caregivers and responders see an elder only when a later module grants it
 * (an order assigned to them, an alarm they respond to) through `grantElderAccess`.
 */
export type ElderGrant = (actor: Actor) => Expression<SqlBool>;
const grants = new Map<Role, ElderGrant[]>();

/** For modules that hand an elder to a role (orders → caregiver, alarms → responder). */
export function grantElderAccess(role: 'provider' | 'caregiver' | 'responder', grant: ElderGrant) {
  grants.set(role, [...(grants.get(role) ?? []), grant]);
}

const NOTHING = sql<SqlBool>`false`;

export function elderVisibleTo(actor: Actor): Expression<SqlBool> {
  switch (actor.role) {
    case 'admin':
    case 'street':
    case 'community':
    case 'grid':
    case 'operator':
      return inOrgScope(actor, 'e.org_unit_id');
    case 'family':
      if (actor.elderIds.length === 0) return NOTHING;
      return sql<SqlBool>`e.id in (${sql.join(actor.elderIds.map((id) => sql`${id}::uuid`))})`;
    case 'provider':
    case 'caregiver':
    case 'responder': {
      const given = grants.get(actor.role) ?? [];
      if (given.length === 0) return NOTHING;
      // Granted records still stay inside the caller's own org subtree.
      return sql<SqlBool>`(${inOrgScope(actor, 'e.org_unit_id')} and (${sql.join(given.map((g) => g(actor)), sql` or `)}))`;
    }
    default: {
      const unknown: never = actor.role;
      throw new Error(`no elder access rule for role ${String(unknown)}`);
    }
  }
}

/** Roles whose view of elders is exactly their org subtree (lists resolve it to unit ids first). */
export function seesOrgSubtree(actor: Actor): boolean {
  switch (actor.role) {
    case 'admin':
    case 'street':
    case 'community':
    case 'grid':
    case 'operator':
      return true;
    case 'family':
    case 'provider':
    case 'caregiver':
    case 'responder':
      return false;
    default: {
      const unknown: never = actor.role;
      return unknown;
    }
  }
}

/** Only registry roles register and edit elders; a family account may read, never write. */
export function mayWriteElders(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'street' || actor.role === 'community' || actor.role === 'grid';
}
