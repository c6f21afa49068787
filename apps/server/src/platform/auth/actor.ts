import type { Role } from '@yiyang/contracts';
import type { Permission } from './permissions.js';

/** The signed-in person behind a request, with everything authorisation needs. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  /** ltree path of the actor's org unit: the root of everything it may see. */
  orgPath: string;
  permissions: ReadonlySet<Permission>;
  providerId: string | null;
  staffId: string | null;
  responderId: string | null;
  /** For family accounts: the elders they act for. */
  elderIds: readonly string[];
  sessionId: string | null;
}

/** What every service call carries: who, from where, and the request to tie log lines to. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  /** Set once an explicit audit entry was written, so the generic fallback does not double it. */
  audited?: boolean;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
