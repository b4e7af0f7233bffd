import { z } from 'zod';
import { personIdSchema } from './schemas';

export const PERSON_STATUS_FILTERS = ['all', 'active', 'offboarded'] as const;

export const peopleFilterSchema = z.object({
  q: z.string().trim().max(200).optional().default(''),
  status: z.enum(PERSON_STATUS_FILTERS).optional().default('all'),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export type PeopleFilter = z.output<typeof peopleFilterSchema>;

export const MAX_OFFBOARDING_REASON_LENGTH = 500;

/** `impactDigest` is the preview's fingerprint: offboarding refuses to run when the impact changed since. */
export const offboardPersonSchema = personIdSchema.extend({
  reason: z
    .string()
    .trim()
    .min(3, 'Say why, for the audit trail.')
    .max(MAX_OFFBOARDING_REASON_LENGTH, `Use at most ${MAX_OFFBOARDING_REASON_LENGTH} characters.`),
  impactDigest: z.string().regex(/^[0-9a-f]{64}$/, 'Review the impact again before you offboard.'),
});
