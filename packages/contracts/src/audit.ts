import { z } from 'zod';
import { Id, PageQuery, Paged } from './common.js';

export const AuditQuery = PageQuery.extend({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Narrows to entries of that unit's subtree; entries tied to no unit then drop out. */
  orgUnitId: Id.optional(),
});

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: Id.nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  orgUnitId: Id.nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = Paged(AuditEntry);
