import { z } from 'zod';
import type { Listing } from '@/components/inventory/invalid-filters';

type RawParams = Record<string, string | string[] | undefined>;

const pageNumber = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'Give a page number from 1.')
  .transform(Number)
  .optional()
  .transform((value) => value ?? 1);

export const queueParams = z.object({ page: pageNumber });

export const grantParams = z.object({
  page: pageNumber,
  nhi: z.string().trim().min(1).max(64).optional(),
});

/** The address's state, or the names of the parameters it holds that the page does not understand. */
export function parseParams<S extends z.ZodType>(schema: S, raw: RawParams): Listing<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, fields: Object.keys(z.flattenError(parsed.error).fieldErrors) };
}
