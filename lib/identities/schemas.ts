import { z } from 'zod';
import { NhiKind } from '../db/generated/sqlite/enums';
import { plainText } from '../validation';

export const NHI_KINDS = Object.values(NhiKind) as [NhiKind, ...NhiKind[]];

const optionalText = (max: number) =>
  plainText({ multiline: true })
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : null));

export const systemSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'Use a short lowercase name such as aws, github or internal.');

export const environmentSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'Use a short lowercase name such as production or staging.');

const idSchema = z.string().trim().min(1).max(64);

const nhiFields = {
  name: plainText().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.'),
  kind: z.enum(NHI_KINDS, { error: 'Choose a kind.' }),
  system: systemSchema,
  externalId: plainText()
    .trim()
    .min(1, 'Enter the identifier the system knows it by.')
    .max(500, 'Use at most 500 characters.'),
  environment: z.preprocess((value) => (value === '' || value === undefined ? 'unknown' : value), environmentSchema),
  description: optionalText(2000),
  sponsorId: z
    .preprocess((value) => (value === '' ? undefined : value), idSchema.optional())
    .transform((value) => value ?? null),
};

function sponsorRequiredForAgents<T extends { kind: NhiKind; sponsorId: string | null }>(schema: z.ZodType<T>) {
  return schema.refine((nhi) => nhi.kind !== 'AI_AGENT' || nhi.sponsorId !== null, {
    path: ['sponsorId'],
    message: 'An AI agent needs a sponsor: the person accountable for it.',
  });
}

export const createNhiSchema = sponsorRequiredForAgents(z.object(nhiFields));
export const updateNhiSchema = sponsorRequiredForAgents(z.object({ id: idSchema, ...nhiFields }));
export const assignSponsorSchema = z.object({ nhiId: idSchema, sponsorId: idSchema });
export const nhiStatusChangeSchema = z.object({ nhiId: idSchema, reason: optionalText(500) });
export const nhiIdSchema = z.object({ nhiId: idSchema });
export const setOwnersSchema = z.object({
  nhiId: idSchema,
  ownerIds: z.array(idSchema).max(50, 'Name at most 50 co-owners.'),
});

export type CreateNhiInput = z.output<typeof createNhiSchema>;
