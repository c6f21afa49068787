import { z } from 'zod';
import { Id } from './common.js';

export const ORDER_STATES = ['requested', 'dispatched', 'accepted', 'en_route', 'in_service', 'completed', 'confirmed', 'reviewed', 'cancelled', 'no_show', 'disputed'] as const;
export const OrderStateName = z.enum(ORDER_STATES);
export const ORDER_SOURCES = ['elder', 'family', 'phone', 'community', 'care_plan'] as const;
export const PAYERS = ['self', 'subsidy', 'package'] as const;

const Position = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
const Reason = z.string().trim().min(1).max(500);

export const OrderWindow = z
  .object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
  .refine((w) => Date.parse(w.start) < Date.parse(w.end), { message: 'window.start must be before window.end' })
  .refine((w) => Date.parse(w.end) - Date.parse(w.start) <= 12 * 3600_000, { message: 'a window is at most 12 hours' });

export const CreateOrder = z.object({
  elderId: Id,
  itemIds: z.array(Id).min(1).max(10),
  window: OrderWindow,
  notes: z.string().trim().max(500).default(''),
  /** Defaults from the caller: family accounts order as `family`, operators take `phone` orders. */
  source: z.enum(ORDER_SOURCES).exclude(['care_plan']).optional(),
  payer: z.enum(PAYERS).default('self'),
});
export type CreateOrder = z.infer<typeof CreateOrder>;

export const DispatchCandidate = z.object({
  staffId: Id,
  staffName: z.string(),
  providerId: Id,
  providerName: z.string(),
  openOrders: z.number().int(),
  distanceM: z.number().int(),
  rating: z.number(),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type DispatchCandidate = z.infer<typeof DispatchCandidate>;

export const DispatchExplanation = z.object({
  mode: z.enum(['auto', 'manual', 'redispatch']),
  at: z.string(),
  considered: z.number().int(),
  /** Staff were considered within this distance of the elder's home. */
  radiusM: z.number().int().optional(),
  excluded: z.record(z.string(), z.number().int()),
  candidates: z.array(DispatchCandidate),
  chosen: DispatchCandidate.nullable(),
  rule: z.string(),
});
export type DispatchExplanation = z.infer<typeof DispatchExplanation>;

export const OrderTimelineEntry = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  actorRole: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.unknown().nullable(),
  at: z.string(),
});

export const Order = z.object({
  id: Id,
  number: z.string(),
  state: OrderStateName,
  elderId: Id,
  elderName: z.string(),
  orgUnitId: Id,
  address: z.string(),
  location: Position.nullable(),
  source: z.enum(ORDER_SOURCES),
  payer: z.enum(PAYERS),
  window: z.object({ start: z.string(), end: z.string() }),
  notes: z.string(),
  totalFen: z.number().int(),
  expectedMinutes: z.number().int(),
  items: z.array(z.object({ itemId: Id, name: z.string(), priceFen: z.number().int(), tasks: z.array(z.string()) })),
  providerId: Id.nullable(),
  providerName: z.string().nullable(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  staffPhone: z.string().nullable(),
  planId: Id.nullable(),
  visit: z.object({
    checkInAt: z.string().nullable(),
    checkOutAt: z.string().nullable(),
    checkInDistanceM: z.number().int().nullable(),
    checkOutDistanceM: z.number().int().nullable(),
    outOfArea: z.boolean(),
    durationMinutes: z.number().int().nullable(),
    tooShort: z.boolean(),
    tasksDone: z.array(z.string()),
    hasPhoto: z.boolean(),
  }),
  confirmedBy: z.string().nullable(),
  review: z.object({ rating: z.number().int(), tags: z.array(z.string()), comment: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});
export type Order = z.infer<typeof Order>;

export const OrderDetail = Order.extend({
  timeline: z.array(OrderTimelineEntry),
  dispatchExplanation: DispatchExplanation.nullable(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderListQuery = z.object({
  state: z.union([OrderStateName, z.array(OrderStateName).max(11)]).optional(),
  elderId: Id.optional(),
  /** Narrows to the elders living under this unit (the header's area picker). */
  orgUnitId: Id.optional(),
  providerId: Id.optional(),
  staffId: Id.optional(),
  /** Local (Asia/Shanghai) calendar day of the window start. */
  date: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export const OrderList = z.object({ items: z.array(Order), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), counts: z.record(z.string(), z.number().int()) });

export const DispatchBody = z.object({ staffId: Id }).strict().optional().nullable();
export const ReasonBody = z.object({ reason: Reason });
export const OptionalReasonBody = z.object({ reason: Reason.optional() }).optional().nullable();
export const CheckInBody = Position;
export const CheckOutBody = Position.extend({
  tasksDone: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  /** A small photo as a data URL (jpeg/png/webp, at most ~300 kB). */
  photo: z.string().max(420_000).regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/, 'a data:image/(jpeg|png|webp);base64 URL').optional(),
});
export const ConfirmBody = z
  .object({ code: z.string().regex(/^\d{6}$/).optional(), note: z.string().trim().min(1).max(500).optional() })
  .optional()
  .nullable();
export const ReviewBody = z.object({
  rating: z.number().int().min(1).max(5),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  comment: z.string().trim().max(1000).optional(),
});
export const CandidateList = z.object({ explanation: DispatchExplanation });

/** Narrows a list or figures to a unit's subtree inside the caller's area (the header's area picker). */
export const AreaQuery = z.object({ orgUnitId: Id.optional() });
export const SupervisionQuery = AreaQuery.extend({ kind: z.enum(['unconfirmed', 'too_short', 'out_of_area']) });

export const CallbackTask = z.object({
  id: Id,
  orderId: Id,
  orderNumber: z.string(),
  elderName: z.string(),
  providerName: z.string().nullable(),
  itemNames: z.array(z.string()),
  state: z.enum(['open', 'done']),
  satisfaction: z.number().int().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const CallbackTaskList = z.object({ items: z.array(CallbackTask) });
export const CallbackQuery = AreaQuery.extend({ state: z.enum(['open', 'done']).optional() });
export const RecordCallback = z.object({ satisfaction: z.number().int().min(1).max(5), note: z.string().trim().max(1000).optional() });

export const SatisfactionRow = z.object({ id: Id, name: z.string(), reviews: z.number().int(), avgRating: z.number().nullable(), callbacks: z.number().int(), satisfiedShare: z.number().nullable() });
export const Satisfaction = z.object({ providers: z.array(SatisfactionRow), items: z.array(SatisfactionRow) });

export const OrderSettings = z.object({
  acceptWithinMinutes: z.number().int().min(1).max(1440),
  startGraceMinutes: z.number().int().min(0).max(720),
  autoRedispatch: z.boolean(),
  geofenceRadiusM: z.number().int().min(10).max(10_000),
  minDurationRatio: z.number().min(0).max(1),
  callbackShare: z.number().min(0).max(1),
});
export type OrderSettings = z.infer<typeof OrderSettings>;
export const UpdateOrderSettings = OrderSettings.partial().refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

/** The elder's full phone number, for the helper on the way to them (audited on every view). */
export const ElderPhone = z.object({ elderName: z.string(), phone: z.string().nullable() });
export type ElderPhone = z.infer<typeof ElderPhone>;

/** The service package (套餐) an elder holds, and this month's use of each of its items. */
export const ElderPackage = z.object({
  elderId: Id,
  package: z.object({ id: Id, name: z.string(), monthlyPriceFen: z.number().int() }).nullable(),
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  /** The Beijing calendar month the use is counted for, 'YYYY-MM'. */
  month: z.string(),
  usage: z.array(z.object({ itemId: Id, name: z.string(), monthlyQuota: z.number().int(), used: z.number().int() })),
});
export type ElderPackage = z.infer<typeof ElderPackage>;

export const SetElderPackage = z.strictObject({
  packageId: Id,
  /** Defaults to today (Beijing). */
  startsOn: z.iso.date().optional(),
  endsOn: z.iso.date().nullable().default(null),
});
export type SetElderPackage = z.infer<typeof SetElderPackage>;
