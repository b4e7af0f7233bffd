import { z } from 'zod';
import { CredentialKind } from '../db/generated/sqlite/enums';
import { environmentSchema, systemSchema } from '../identities/schemas';
import { plainText } from '../validation';

/** Task tokens are only ever issued by Steward for an approved scope, never entered by hand or imported. */
export const MANAGED_CREDENTIAL_KINDS = Object.values(CredentialKind).filter((kind) => kind !== 'TASK_TOKEN') as [
  CredentialKind,
  ...CredentialKind[],
];

const idSchema = z.string().trim().min(1).max(64);
const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const optionalId = z.preprocess(emptyToUndefined, idSchema.optional()).transform((value) => value ?? null);
const optionalDate = z
  .preprocess(emptyToUndefined, z.coerce.date({ error: 'Enter a valid date.' }).optional())
  .transform((value) => value ?? null);

const credentialFields = {
  name: plainText().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.'),
  kind: z.enum(MANAGED_CREDENTIAL_KINDS, { error: 'Choose a kind (task tokens are issued by Steward only).' }),
  system: systemSchema,
  fingerprint: plainText()
    .trim()
    .min(8, 'Enter the fingerprint, never the secret itself (e.g. sha256:… or the key id).')
    .max(200, 'Use at most 200 characters.'),
  environment: z.preprocess(emptyToUndefined, environmentSchema.optional()).transform((value) => value ?? null),
  subjectType: z.enum(['HUMAN', 'NHI'], { error: 'Choose whether it authenticates as a person or an NHI.' }),
  subjectId: idSchema,
  holderNhiId: optionalId,
  issuedAt: optionalDate,
  expiresAt: optionalDate,
  lastRotatedAt: optionalDate,
};

function datesInOrder<T extends { issuedAt: Date | null; expiresAt: Date | null }>(schema: z.ZodType<T>) {
  return schema.refine(
    (credential) => !credential.issuedAt || !credential.expiresAt || credential.expiresAt > credential.issuedAt,
    {
      path: ['expiresAt'],
      message: 'The expiry must come after the issue date.',
    },
  );
}

export const createCredentialSchema = datesInOrder(z.object(credentialFields));
export const updateCredentialSchema = datesInOrder(z.object({ id: idSchema, ...credentialFields }));
export const credentialIdSchema = z.object({ credentialId: idSchema });
export const revokeCredentialSchema = z.object({
  credentialId: idSchema,
  reason: plainText({ multiline: true })
    .trim()
    .min(3, 'Say why, for the audit trail.')
    .max(500, 'Use at most 500 characters.'),
});

export type CreateCredentialInput = z.output<typeof createCredentialSchema>;
