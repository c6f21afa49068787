import { z } from 'zod';
import { Id } from './common.js';
import { OrderStateName, PAYERS } from './orders.js';

/** A plan visit still ahead (its order exists, not cancelled), for the plan's "next visits". */
export const PlanVisit = z.object({ orderId: Id, number: z.string(), start: z.string(), end: z.string(), state: OrderStateName });
export type PlanVisit = z.infer<typeof PlanVisit>;

export const CarePlan = z.object({
  id: Id,
  elderId: Id,
  itemIds: z.array(Id),
  rrule: z.string(),
  startTime: z.string(),
  durationMinutes: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  payer: z.enum(PAYERS),
  notes: z.string(),
  state: z.enum(['active', 'stopped']),
  stopReason: z.string().nullable(),
  generatedUntil: z.string().nullable(),
  /** The next few visits, earliest first. */
  nextVisits: z.array(PlanVisit),
});
export type CarePlan = z.infer<typeof CarePlan>;
export const CarePlanList = z.object({ items: z.array(CarePlan) });

export const CreateCarePlan = z.object({
  elderId: Id,
  itemIds: z.array(Id).min(1).max(10),
  /** iCalendar RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU` or `FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR`. */
  rrule: z.string().trim().min(5).max(300).regex(/^(RRULE:)?FREQ=/i, 'an RRULE starting with FREQ='),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm'),
  durationMinutes: z.number().int().min(15).max(720),
  startsOn: z.iso.date(),
  endsOn: z.iso.date().optional(),
  payer: z.enum(PAYERS).default('subsidy'),
  notes: z.string().trim().max(500).default(''),
});
export type CreateCarePlan = z.infer<typeof CreateCarePlan>;
export const CarePlanQuery = z.object({ elderId: Id.optional() });

export const Holiday = z.object({ day: z.iso.date(), name: z.string().trim().min(1).max(40) });
export const HolidayList = z.object({ items: z.array(Holiday) });
export const HolidayParams = z.object({ day: z.iso.date() });
/** A newly marked holiday also cancels the care-plan visits already generated for it and not yet dispatched. */
export const HolidaySet = Holiday.extend({ cancelledOrders: z.number().int().nonnegative() });
/** Removing a holiday brings back the care-plan visits it cancelled that are still ahead. */
export const HolidayRemoved = z.object({ day: z.iso.date(), restoredOrders: z.number().int().nonnegative() });
