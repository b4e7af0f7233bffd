import { z } from 'zod';
import { acceptFindingSchema } from './schemas';

/** The most findings one bulk acceptance takes: a page of the work queue, with room to spare. */
export const MAX_BULK_FINDINGS = 200;

export const acceptFindingsSchema = z.object({
  findingIds: z
    .array(z.string().trim().min(1).max(64))
    .min(1, 'Select at least one finding.')
    .max(MAX_BULK_FINDINGS, `Select at most ${MAX_BULK_FINDINGS} findings at once.`)
    .transform((ids) => [...new Set(ids)]),
  reason: acceptFindingSchema.shape.reason,
  days: acceptFindingSchema.shape.days,
});
