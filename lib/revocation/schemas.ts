import { z } from 'zod';
import { plainText } from '../validation';

/** Whose grants a bulk revocation ends: one NHI, a person as credential subject and initiator, a source system, a sponsor. */
export const BULK_TARGET_KINDS = ['nhi', 'human', 'system', 'sponsor'] as const;
export type BulkTargetKind = (typeof BULK_TARGET_KINDS)[number];

export const MAX_BULK_REASON_LENGTH = 500;

const targetFields = {
  kind: z.enum(BULK_TARGET_KINDS, { error: 'Choose what to revoke by.' }),
  id: z.string().trim().min(1, 'Choose whose grants to revoke.').max(200),
};

export const bulkTargetSchema = z.object(targetFields);
export type BulkTarget = z.output<typeof bulkTargetSchema>;

export const runBulkRevocationSchema = z.object({
  ...targetFields,
  reason: plainText({ multiline: true })
    .trim()
    .min(3, 'Say why, for the audit trail.')
    .max(MAX_BULK_REASON_LENGTH, `Use at most ${MAX_BULK_REASON_LENGTH} characters.`),
  confirmation: z.string().trim().max(400),
  impactDigest: z.string().regex(/^[0-9a-f]{64}$/, 'Preview the impact first.'),
});

export const targetSearchSchema = z.object({
  kind: z.enum(BULK_TARGET_KINDS),
  q: z.string().trim().max(200),
});
