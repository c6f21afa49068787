import { z } from 'zod';

/** Every error the API returns has this shape; `details` carries per-field problems. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.uuid();
export const IdParams = z.object({ id: Id });

/** Short free text (names, titles): trimmed, bounded so oversized input is a 400, not a stored blob. */
export const ShortText = (max = 100) => z.string().trim().min(1).max(max);

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function Paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const OkBody = z.object({ ok: z.literal(true) });
