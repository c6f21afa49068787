import { z } from 'zod';
import { Id } from './common.js';
import { Icd10, IsoDate } from './assessment.js';

/** Chronic conditions, allergies, medications and disabilities: one list per elder, each entry dated. */
export const HEALTH_ITEM_KINDS = ['condition', 'allergy', 'medication', 'disability'] as const;
export const HealthItemKind = z.enum(HEALTH_ITEM_KINDS);
export type HealthItemKind = z.infer<typeof HealthItemKind>;

export const CreateHealthItem = z.strictObject({
  kind: HealthItemKind,
  name: z.string().trim().min(1).max(100),
  /** ICD-10 for conditions (I10 hypertension, E11 type 2 diabetes …). */
  code: Icd10.optional(),
  /** Medications: dose, route and frequency as the standard's form records them. */
  dose: z.string().trim().max(50).optional(),
  route: z.string().trim().max(30).optional(),
  frequency: z.string().trim().max(50).optional(),
  /** Allergies: what happens; disabilities: type and grade (一级…四级). */
  reaction: z.string().trim().max(100).optional(),
  severity: z.enum(['mild', 'moderate', 'severe']).optional(),
  grade: z.number().int().min(1).max(4).optional(),
  since: IsoDate.optional(),
  note: z.string().trim().max(500).optional(),
});
export type CreateHealthItem = z.input<typeof CreateHealthItem>;

export const HealthItem = z.object({
  id: Id,
  kind: HealthItemKind,
  name: z.string(),
  code: z.string().nullable(),
  dose: z.string().nullable(),
  route: z.string().nullable(),
  frequency: z.string().nullable(),
  reaction: z.string().nullable(),
  severity: z.enum(['mild', 'moderate', 'severe']).nullable(),
  grade: z.number().int().nullable(),
  since: IsoDate.nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  endedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type HealthItem = z.infer<typeof HealthItem>;
export const HealthItemList = z.object({ items: z.array(HealthItem) });
export const HealthItemParams = z.object({ id: Id, itemId: Id });

export const MEASUREMENT_KINDS = ['blood_pressure', 'glucose', 'weight', 'heart_rate'] as const;
export const MeasurementKind = z.enum(MEASUREMENT_KINDS);
export type MeasurementKind = z.infer<typeof MeasurementKind>;
export const MEASUREMENT_UNITS: Record<MeasurementKind, string> = { blood_pressure: 'mmHg', glucose: 'mmol/L', weight: 'kg', heart_rate: 'bpm' };

const at = z.iso.datetime({ offset: true });
/** Plausibility bounds: a typo (1200 for 120) is a 400, not a point on the chart. */
export const CreateMeasurement = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('blood_pressure'), measuredAt: at, systolic: z.number().int().min(50).max(300), diastolic: z.number().int().min(20).max(200), note: z.string().trim().max(200).optional() })
    .refine((m) => m.systolic > m.diastolic, { message: 'systolic must be higher than diastolic', path: ['systolic'] }),
  z.strictObject({ kind: z.literal('glucose'), measuredAt: at, value: z.number().min(1).max(40), context: z.enum(['fasting', 'postprandial', 'random']).default('random'), note: z.string().trim().max(200).optional() }),
  z.strictObject({ kind: z.literal('weight'), measuredAt: at, value: z.number().min(20).max(250), note: z.string().trim().max(200).optional() }),
  z.strictObject({ kind: z.literal('heart_rate'), measuredAt: at, value: z.number().int().min(20).max(250), note: z.string().trim().max(200).optional() }),
]);
export type CreateMeasurement = z.input<typeof CreateMeasurement>;

export const Measurement = z.object({
  id: Id,
  kind: MeasurementKind,
  measuredAt: z.iso.datetime(),
  value: z.number().nullable(),
  systolic: z.number().int().nullable(),
  diastolic: z.number().int().nullable(),
  context: z.string().nullable(),
  unit: z.string(),
  note: z.string().nullable(),
  source: z.string(),
});
export type Measurement = z.infer<typeof Measurement>;
export const MeasurementQuery = z.object({
  kind: MeasurementKind.optional(),
  from: at.optional(),
  to: at.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export const MeasurementList = z.object({ items: z.array(Measurement) });

/** Excel import: validated in full first; `valid_only` must be asked for explicitly. */
export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export const ImportQuery = z.object({ mode: z.enum(IMPORT_MODES).default('all_or_nothing') });
export const IMPORT_STATUSES = ['queued', 'validating', 'importing', 'done', 'rejected', 'failed'] as const;
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;
export const ElderImport = z.object({
  id: Id,
  status: z.enum(IMPORT_STATUSES),
  mode: z.enum(IMPORT_MODES),
  fileName: z.string().nullable(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  validRows: z.number().int(),
  importedRows: z.number().int(),
  errorRows: z.number().int(),
  /** The first errors, row by row (row numbers as Excel shows them). */
  errors: z.array(ImportRowError),
  message: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ElderImport = z.infer<typeof ElderImport>;
