import { z } from 'zod';
import { Id, ShortText } from './common.js';

export const ORG_LEVELS = ['district', 'street', 'community', 'grid', 'compound'] as const;
export const OrgLevel = z.enum(ORG_LEVELS);
export type OrgLevel = z.infer<typeof OrgLevel>;

export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const OrgUnit = z.object({
  id: Id,
  name: z.string(),
  level: OrgLevel,
  parentId: Id.nullable(),
  code: z.string().nullable(),
  location: GeoPoint.nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export type OrgUnitNode = OrgUnit & { children: OrgUnitNode[] };
export const OrgUnitNode: z.ZodType<OrgUnitNode> = OrgUnit.extend({
  children: z.lazy(() => z.array(OrgUnitNode)),
});

export const OrgUnitListQuery = z.object({
  shape: z.enum(['flat', 'tree']).default('flat'),
  /** Limit the answer to this unit's subtree (must itself be visible to the caller). */
  rootId: Id.optional(),
  maxLevel: OrgLevel.optional(),
});

export const OrgUnitList = z.object({
  items: z.array(OrgUnit),
});
export const OrgUnitTree = z.object({
  roots: z.array(OrgUnitNode),
});

export const CreateOrgUnit = z.object({
  parentId: Id,
  name: ShortText(60),
  code: z.string().trim().max(32).optional(),
  location: GeoPoint.optional(),
});
export type CreateOrgUnit = z.infer<typeof CreateOrgUnit>;

export const UpdateOrgUnit = z
  .object({
    name: ShortText(60).optional(),
    /** Moving a unit carries its whole subtree and everything attached to it. */
    parentId: Id.optional(),
    location: GeoPoint.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateOrgUnit = z.infer<typeof UpdateOrgUnit>;
