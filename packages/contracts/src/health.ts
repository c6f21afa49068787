import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable(), pending: z.number().int() }),
});
