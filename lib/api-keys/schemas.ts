import { z } from 'zod';
import { ApiKeyKind } from '../db/generated/sqlite/enums';
import { plainText } from '../validation';
import { pageSchema } from '../inventory/schemas';

export const API_KEY_KINDS = Object.values(ApiKeyKind) as [ApiKeyKind, ...ApiKeyKind[]];

export const MAX_KEY_LIFETIME_DAYS = 3650;
/** A key expires unless whoever makes it chooses otherwise: a forgotten key should not work for ever. */
export const DEFAULT_KEY_LIFETIME_DAYS = 90;

const idSchema = z.string().trim().min(1).max(64);
const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const createApiKeySchema = z
  .object({
    name: plainText().trim().min(1, 'Name it after what will use it.').max(120, 'Use at most 120 characters.'),
    kind: z.enum(API_KEY_KINDS, { error: 'Choose a kind.' }),
    nhiId: z.preprocess(emptyToUndefined, idSchema.optional()).transform((value) => value ?? null),
    expiresInDays: z
      .preprocess(
        emptyToUndefined,
        z.coerce
          .number({ error: 'Enter a number of days.' })
          .int('Enter a whole number of days.')
          .min(1, 'Enter at least 1 day.')
          .max(MAX_KEY_LIFETIME_DAYS, `Use at most ${MAX_KEY_LIFETIME_DAYS} days.`)
          .optional(),
      )
      .transform((value) => value ?? DEFAULT_KEY_LIFETIME_DAYS),
  })
  .superRefine((key, context) => {
    if (key.kind === 'AGENT' && !key.nhiId)
      context.addIssue({ code: 'custom', path: ['nhiId'], message: 'An agent key belongs to one NHI: choose it.' });
    if (key.kind !== 'AGENT' && key.nhiId)
      context.addIssue({ code: 'custom', path: ['nhiId'], message: 'Only agent keys belong to an NHI.' });
  });

export const revokeApiKeySchema = z.object({ keyId: idSchema });

export const apiKeyFilterSchema = z.object({ page: pageSchema });

export const nhiSearchSchema = z.object({ q: z.string().trim().max(200) });
