import { z } from 'zod';
import { Id, ShortText } from './common.js';
import { Fen, Skill } from './catalog.js';

export const PROVIDER_KINDS = ['organisation', 'canteen', 'merchant'] as const;
export const MERCHANT_TRADES = ['village_doctor', 'barber', 'locksmith', 'plumber_electrician', 'convenience_store', 'appliance_repair', 'bill_payment'] as const;

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

export const Staff = z.object({
  id: Id,
  providerId: Id,
  teamId: Id.nullable(),
  userId: Id.nullable(),
  name: z.string(),
  skills: z.array(z.string()),
  base: z.object({ lat: z.number(), lng: z.number() }),
  workStart: z.string(),
  workEnd: z.string(),
  onDuty: z.boolean(),
  openOrders: z.number().int(),
});
export type Staff = z.infer<typeof Staff>;

export const Provider = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  trade: z.enum(MERCHANT_TRADES).nullable(),
  phone: z.string().nullable(),
  coveredUnitId: Id,
  coveredUnitName: z.string(),
  rating: z.number(),
  active: z.boolean(),
  items: z.array(z.object({ itemId: Id, name: z.string(), priceFen: z.number().int() })),
  teams: z.array(z.object({ id: Id, name: z.string() })),
  staffCount: z.number().int(),
});
export type Provider = z.infer<typeof Provider>;
export const ProviderList = z.object({ items: z.array(Provider) });
export const StaffList = z.object({ items: z.array(Staff) });

export const CreateProvider = z
  .object({
    name: ShortText(60),
    kind: z.enum(PROVIDER_KINDS),
    trade: z.enum(MERCHANT_TRADES).optional(),
    phone: z.string().trim().max(20).optional(),
    coveredUnitId: Id,
    items: z.array(z.object({ itemId: Id, priceFen: Fen })).max(200).default([]),
  })
  .refine((v) => (v.kind === 'merchant') === (v.trade !== undefined), { message: 'a merchant needs its trade, and only a merchant has one', path: ['trade'] });
export type CreateProvider = z.infer<typeof CreateProvider>;

export const CreateStaff = z.object({
  name: ShortText(40),
  phone: z.string().trim().max(20).optional(),
  teamId: Id.optional(),
  skills: z.array(Skill).max(18).default([]),
  base: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  workStart: LocalTime.default('08:00'),
  workEnd: LocalTime.default('18:00'),
});
export type CreateStaff = z.infer<typeof CreateStaff>;

export const UpdateStaff = z
  .object({ onDuty: z.boolean(), skills: z.array(Skill).max(18), workStart: LocalTime, workEnd: LocalTime })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateStaff = z.infer<typeof UpdateStaff>;
