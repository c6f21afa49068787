import { z } from 'zod';
import { Id, ShortText } from './common.js';

export const SKILLS = [
  'cleaning', 'repair', 'electrician', 'plumbing', 'locksmith', 'laundry', 'haircut', 'cooking', 'delivery',
  'bathing', 'nursing', 'escort', 'rehab', 'tcm', 'companionship', 'counselling', 'legal', 'errands',
] as const;
export const Skill = z.enum(SKILLS);
export type Skill = z.infer<typeof Skill>;

export const Fen = z.number().int().min(0).max(10_000_000);

export const ServiceCategory = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
export type ServiceCategory = z.infer<typeof ServiceCategory>;

export const ServiceItem = z.object({
  id: Id,
  code: z.string(),
  categoryCode: z.string(),
  name: z.string(),
  unit: z.string(),
  priceFen: z.number().int(),
  expectedMinutes: z.number().int(),
  skills: z.array(z.string()),
  tasks: z.array(z.string()),
  active: z.boolean(),
});
export type ServiceItem = z.infer<typeof ServiceItem>;

export const ServiceItemList = z.object({ categories: z.array(ServiceCategory), items: z.array(ServiceItem) });
export const ServiceItemQuery = z.object({
  categoryCode: z.string().max(32).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const CreateServiceItem = z.object({
  code: z.string().regex(/^[a-z0-9_]{2,48}$/),
  categoryCode: z.string().max(32),
  name: ShortText(40),
  unit: ShortText(10),
  priceFen: Fen,
  expectedMinutes: z.number().int().min(5).max(1440),
  skills: z.array(Skill).max(10).default([]),
  tasks: z.array(ShortText(40)).max(20).default([]),
});
export type CreateServiceItem = z.infer<typeof CreateServiceItem>;

// Spelled out rather than derived: a derived partial would keep the create defaults and silently
// reset skills and tasks on every price change.
export const UpdateServiceItem = z
  .object({
    name: ShortText(40),
    unit: ShortText(10),
    priceFen: Fen,
    expectedMinutes: z.number().int().min(5).max(1440),
    skills: z.array(Skill).max(10),
    tasks: z.array(ShortText(40)).max(20),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateServiceItem = z.infer<typeof UpdateServiceItem>;

export const ServicePackage = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  monthlyPriceFen: z.number().int(),
  active: z.boolean(),
  items: z.array(z.object({ itemId: Id, name: z.string(), monthlyQuota: z.number().int() })),
});
export type ServicePackage = z.infer<typeof ServicePackage>;
export const ServicePackageList = z.object({ items: z.array(ServicePackage) });

export const CreateServicePackage = z.object({
  name: ShortText(40),
  description: z.string().trim().max(500).default(''),
  monthlyPriceFen: z.number().int().min(0).max(100_000_000),
  items: z.array(z.object({ itemId: Id, monthlyQuota: z.number().int().min(1).max(100) })).min(1).max(30),
});
export type CreateServicePackage = z.infer<typeof CreateServicePackage>;
