import { z } from 'zod';
import { plainText } from '../validation';

const MAX_ACCEPTANCE_DAYS = 365;

export const acceptFindingSchema = z.object({
  findingId: z.string().trim().min(1).max(64),
  reason: plainText({ multiline: true })
    .trim()
    .min(10, 'Explain why the risk is accepted (at least 10 characters).')
    .max(1000, 'Use at most 1000 characters.'),
  days: z.coerce
    .number({ error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(1, 'Accept it for at least one day.')
    .max(MAX_ACCEPTANCE_DAYS, `Accept it for at most ${MAX_ACCEPTANCE_DAYS} days: accepted risks are reviewed again.`),
});

export const reopenFindingSchema = z.object({ findingId: z.string().trim().min(1).max(64) });
