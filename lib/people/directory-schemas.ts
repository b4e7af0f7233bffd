import { z } from 'zod';
import { pageSchema, searchSchema } from '../inventory/schemas';
import { personIdSchema } from './schemas';
import { plainText } from '../validation';

export const PERSON_STATUS_FILTERS = ['all', 'active', 'offboarded'] as const;

/** A blank status (the select's "Everyone") means everyone. */
const statusFilterSchema = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.enum(PERSON_STATUS_FILTERS).default('all'),
);

export const peopleFilterSchema = z.object({ q: searchSchema, status: statusFilterSchema, page: pageSchema });

export type PeopleFilter = z.output<typeof peopleFilterSchema>;

export const MAX_OFFBOARDING_REASON_LENGTH = 500;

/** `impactDigest` is the preview's fingerprint: offboarding refuses to run when the impact changed since. */
export const offboardPersonSchema = personIdSchema.extend({
  reason: plainText({ multiline: true })
    .trim()
    .min(3, 'Say why, for the audit trail.')
    .max(MAX_OFFBOARDING_REASON_LENGTH, `Use at most ${MAX_OFFBOARDING_REASON_LENGTH} characters.`),
  impactDigest: z.string().regex(/^[0-9a-f]{64}$/, 'Review the impact again before you offboard.'),
});
