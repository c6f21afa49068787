import { z } from 'zod';
import { Id, Paged, ShortText } from './common.js';
import { CareTier, EligibilityCategory, ElderStatus, LivingSituation } from './elders-codes.js';
import { describeIdNumberProblem, parseIdNumber } from './id-number.js';
import { GeoPoint } from './org.js';
import { AbilityLevel, IsoDate } from './assessment.js';

/** Mainland mobile (13812345678) or landline with area code (0571-87654321). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s]/g, ''))
  .pipe(z.string().regex(PHONE_PATTERN, 'must be a mobile number (11 digits) or a landline with area code'));

/** A GB 11643 ID number; the message names the reason so the form and the API say the same thing. */
export const IdNumber = z
  .string()
  .trim()
  .max(40)
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const parsed = parseIdNumber(s);
    if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: describeIdNumberProblem(parsed.problem), params: { reason: parsed.problem } });
  });

export const EmergencyContactInput = z.object({
  name: ShortText(30),
  relation: ShortText(20),
  phone: Phone,
});
/**
 * On edit, a contact or household member whose number is not retyped keeps the stored one:
 * `keepPhoneOf` is its position in the list as last read and `phone` the masked number shown there.
 * The form only ever sees masked numbers; a list changed meanwhile gets 409, never a wrong number.
 */
const keptOrNewPhone = <T extends { phone?: string | undefined; keepPhoneOf?: number | undefined }>(v: T, ctx: z.RefinementCtx) => {
  if (v.keepPhoneOf !== undefined || v.phone === undefined) return;
  if (!PHONE_PATTERN.test(v.phone.replace(/\s/g, ''))) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'must be a mobile number (11 digits) or a landline with area code' });
};
const withoutSpaces = <T extends { phone?: string | undefined; keepPhoneOf?: number | undefined }>(v: T): T =>
  v.keepPhoneOf === undefined && v.phone !== undefined ? { ...v, phone: v.phone.replace(/\s/g, '') } : v;
const KeepPhoneOf = z.number().int().min(0).max(19);

export const EmergencyContactEdit = z
  .object({ name: ShortText(30), relation: ShortText(20), phone: z.string().trim().max(30), keepPhoneOf: KeepPhoneOf.optional() })
  .superRefine(keptOrNewPhone)
  .transform(withoutSpaces);

export const EmergencyContact = z.object({
  name: z.string(),
  relation: z.string(),
  /** Masked unless revealed. */
  phone: z.string(),
});
export type EmergencyContact = z.infer<typeof EmergencyContact>;

export const HouseholdMemberInput = z.object({
  name: ShortText(30),
  relation: ShortText(20),
  livesTogether: z.boolean().default(true),
  phone: Phone.optional(),
  note: z.string().trim().max(200).optional(),
});
export const HouseholdMemberEdit = z
  .object({
    name: ShortText(30),
    relation: ShortText(20),
    livesTogether: z.boolean().default(true),
    phone: z.string().trim().max(30).optional(),
    keepPhoneOf: KeepPhoneOf.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .superRefine(keptOrNewPhone)
  .transform(withoutSpaces);
export const HouseholdMember = z.object({
  name: z.string(),
  relation: z.string(),
  livesTogether: z.boolean(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
});

export const Sex = z.enum(['male', 'female']);

export const Elder = z.object({
  id: Id,
  name: z.string(),
  /** Masked (`110105********1234`) unless revealed through the reveal action. */
  idNumber: z.string(),
  sex: Sex,
  birthDate: IsoDate,
  age: z.number().int(),
  phone: z.string().nullable(),
  orgUnitId: Id,
  orgUnitName: z.string(),
  address: z.string(),
  location: GeoPoint.nullable(),
  livingSituation: z.array(LivingSituation),
  categories: z.array(EligibilityCategory),
  careLevel: AbilityLevel.nullable(),
  careTier: CareTier.nullable(),
  emergencyContacts: z.array(EmergencyContact),
  status: ElderStatus,
  statusChangedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Elder = z.infer<typeof Elder>;

export const ElderDetail = Elder.extend({
  householdMembers: z.array(HouseholdMember),
  statusNote: z.string().nullable(),
});
export type ElderDetail = z.infer<typeof ElderDetail>;

const elderFields = {
  name: ShortText(50),
  phone: Phone.optional(),
  orgUnitId: Id,
  address: z.string().trim().max(200).default(''),
  location: GeoPoint.optional(),
  livingSituation: z.array(LivingSituation).max(10).default([]),
  categories: z.array(EligibilityCategory).max(10).default([]),
  emergencyContacts: z.array(EmergencyContactInput).min(1, 'at least one emergency contact is required').max(5),
  householdMembers: z.array(HouseholdMemberInput).max(20).default([]),
};

/** Birth date and sex are not fields: they are read from the ID number. */
export const CreateElder = z.strictObject({ ...elderFields, idNumber: IdNumber });
export type CreateElder = z.input<typeof CreateElder>;

export const UpdateElder = z
  .strictObject({
    name: elderFields.name.optional(),
    /** Corrects a mistyped number; birth date and sex follow it. */
    idNumber: IdNumber.optional(),
    phone: Phone.nullable().optional(),
    orgUnitId: Id.optional(),
    address: z.string().trim().max(200).optional(),
    location: GeoPoint.nullable().optional(),
    livingSituation: z.array(LivingSituation).max(10).optional(),
    categories: z.array(EligibilityCategory).max(10).optional(),
    emergencyContacts: z.array(EmergencyContactEdit).min(1, 'at least one emergency contact is required').max(5).optional(),
    householdMembers: z.array(HouseholdMemberEdit).max(20).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateElder = z.input<typeof UpdateElder>;

/** Elders are never deleted: moving out or death ends services and alarms, the record stays. */
export const ChangeElderStatus = z.strictObject({
  status: ElderStatus,
  effectiveDate: IsoDate.optional(),
  note: z.string().trim().max(500).optional(),
});

export const RevealRequest = z.strictObject({
  fields: z.array(z.enum(['idNumber', 'phone', 'emergencyContacts', 'householdMembers'])).min(1).max(4).default(['idNumber', 'phone', 'emergencyContacts']),
  /** Why the number is needed; goes into the audit entry. */
  purpose: z.string().trim().max(200).optional(),
});
export const Revealed = z.object({
  idNumber: z.string().optional(),
  phone: z.string().nullable().optional(),
  emergencyContacts: z.array(EmergencyContact).optional(),
  householdMembers: z.array(HouseholdMember).optional(),
});

export const ELDER_SORTS = ['name', '-name', 'age', '-age', 'createdAt', '-createdAt'] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const ElderFilters = z.object({
  /** Name part, pinyin initials, or an exact ID-card or phone number. */
  q: z.string().trim().max(50).optional(),
  orgUnitId: Id.optional(),
  category: csv(EligibilityCategory).optional(),
  careLevel: csv(z.coerce.number().int().min(0).max(4)).optional(),
  livingSituation: csv(LivingSituation).optional(),
  ageMin: z.coerce.number().int().min(0).max(130).optional(),
  ageMax: z.coerce.number().int().min(0).max(130).optional(),
  status: csv(ElderStatus).optional(),
  sort: z.enum(ELDER_SORTS).default('name'),
});
export type ElderFilters = z.infer<typeof ElderFilters>;

export const ElderListQuery = ElderFilters.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ElderListQuery = z.input<typeof ElderListQuery>;

export const ElderList = Paged(Elder).extend({
  /** True when `total` stopped counting ten pages ahead (the list itself is complete page by page). */
  totalCapped: z.boolean(),
});
export type ElderList = z.infer<typeof ElderList>;

export const ExportQuery = ElderFilters.extend({
  /** Full numbers instead of masked ones: needs elders.reveal, and is audited. */
  full: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
