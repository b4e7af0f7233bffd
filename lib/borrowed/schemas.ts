import { z } from 'zod';
import { plainText } from '../validation';

/** Input of the borrowed-credential lists and of the remediation workflow, shared by the pages and the API. */

export const CASE_STATUSES = ['OPEN', 'ASSIGNED', 'MIGRATING', 'RESOLVED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type CaseConfidence = (typeof CONFIDENCES)[number];

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_BURN_DOWN_DAYS = 365;
export const MAX_SUPPRESSION_DAYS = 365;

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

function choice<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.preprocess(
    blankToUndefined,
    z.enum(values, { error: `Choose ${what} from ${values.join(', ')}.` }).optional(),
  );
}

export const caseListQuerySchema = z.strictObject(
  {
    cursor: z.preprocess(blankToUndefined, z.string().max(200, 'That cursor is not one this API gave.').optional()),
    status: choice(CASE_STATUSES, 'a status'),
    confidence: choice(CONFIDENCES, 'a confidence'),
    q: z.preprocess(blankToUndefined, plainText().trim().max(200, 'Search for at most 200 characters.').optional()),
    include: choice(['all'] as const, 'what to include'),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'Give the page size as a number.' })
        .int('Give the page size as a whole number.')
        .min(1, 'Ask for at least one case.')
        .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} cases a page.`)
        .default(DEFAULT_PAGE_SIZE),
    ),
  },
  {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined),
  },
);

export type CaseListQuery = z.output<typeof caseListQuerySchema>;

export const burnDownDaysSchema = z.coerce
  .number({ error: 'Give the number of days as a number.' })
  .int('Give a whole number of days.')
  .min(1, 'Show at least one day.')
  .max(MAX_BURN_DOWN_DAYS, `Show at most ${MAX_BURN_DOWN_DAYS} days.`);

const caseId = z.string().trim().min(1, 'Name the case.').max(64);
const personId = z.string().trim().min(1, 'Choose a person.').max(64);

export const assignCaseSchema = z.object({ caseId, assigneeId: personId });
export const startMigrationSchema = z.object({ caseId });
export const resolveCaseSchema = z.object({
  caseId,
  credentialEndedAt: z.preprocess(
    blankToUndefined,
    z.coerce.date({ error: 'Give the time the credential was revoked or rotated, as a date and time.' }).optional(),
  ),
});
export const reopenCaseSchema = z.object({
  caseId,
  reason: plainText({ multiline: true })
    .trim()
    .min(10, 'Say why the case is reopened (at least 10 characters).')
    .max(1000, 'Use at most 1000 characters.'),
});

const pattern = z.preprocess(
  blankToUndefined,
  plainText().trim().min(1).max(300, 'Use at most 300 characters in a pattern.').optional(),
);

export const createSuppressionSchema = z
  .object({
    reason: plainText({ multiline: true })
      .trim()
      .min(10, 'Explain why these cases are suppressed (at least 10 characters).')
      .max(1000, 'Use at most 1000 characters.'),
    expiresAt: z.coerce.date({ error: 'Give the date the suppression ends.' }),
    credential: pattern,
    human: pattern,
    agent: pattern,
    source: pattern,
  })
  .refine(
    (input) => [input.credential, input.human, input.agent, input.source].some((given) => given && /[^*]/.test(given)),
    {
      message:
        'Give at least one pattern that names something: a credential, a person, an agent or a source ("*" alone matches every case).',
      path: ['_form'],
    },
  )
  .refine((input) => input.expiresAt.getTime() > Date.now(), {
    message: 'The end date must be in the future.',
    path: ['expiresAt'],
  })
  .refine((input) => input.expiresAt.getTime() <= Date.now() + MAX_SUPPRESSION_DAYS * 86_400_000, {
    message: `A suppression lasts at most ${MAX_SUPPRESSION_DAYS} days: it is reviewed again then.`,
    path: ['expiresAt'],
  });

export const liftSuppressionSchema = z.object({ id: z.string().trim().min(1).max(64) });

/** Moving a case's agent to task scopes: its identity (linked or created), sponsor and the case. */
const optionalText = z.string().max(2000).optional();

export const moveToScopesSchema = z.object({
  caseId,
  nhiMode: z.enum(['link', 'create'], { error: 'Choose whether to link an identity or create one.' }),
  nhiId: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().min(1).max(64).optional()),
  sponsorId: z.string({ error: 'Choose the sponsor: the person accountable for the agent.' }).trim().min(1, {
    error: 'Choose the sponsor: the person accountable for the agent.',
  }),
  name: optionalText,
  system: optionalText,
  externalId: optionalText,
  environment: optionalText,
});

export const revokeMigratedCredentialSchema = z.object({
  caseId,
  reason: z.string().max(500),
});
