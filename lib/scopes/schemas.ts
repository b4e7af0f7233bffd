import { z } from 'zod';
import { AppError } from '../errors';
import { plainText } from '../validation';

/** `system:verb`, e.g. `github:pulls.read` or `aws:s3.GetObject`. */
const ACTION = /^[a-z][a-z0-9_-]*:[A-Za-z0-9_.\-/]+$/;
/** `system:` and a path that may end in or contain `*`, e.g. `github:acme/payments/*`. */
const RESOURCE = /^[a-z][a-z0-9_-]*:\S+$/;
const VERB_PATTERN = /^[A-Za-z0-9_.\-/*]+$/;

export const MAX_SCOPE_TTL_SECONDS = 7 * 24 * 3600;
export const MAX_USES = 100_000;

const action = z
  .string()
  .trim()
  .max(200, 'Use at most 200 characters.')
  .regex(ACTION, 'Write an action as system:verb, e.g. github:pulls.read.');

const resource = z
  .string()
  .trim()
  .max(500, 'Use at most 500 characters.')
  .regex(RESOURCE, 'Write a resource as system:path, e.g. github:acme/payments/*.')
  .refine((value) => value.slice(value.indexOf(':') + 1).replaceAll('*', '').length > 0, {
    message: 'A resource pattern must name something: a bare * grants nothing.',
  });

const list = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: `List the ${what}.` })
    .min(1, `List at least one of the ${what}.`)
    .max(50, `List at most 50 ${what}.`)
    .transform((values) => [...new Set(values as string[])]);

const ttlSeconds = z
  .number({ error: 'Give the TTL in seconds.' })
  .int('Give a whole number of seconds.')
  .min(60, 'A scope lasts at least 60 seconds.')
  .max(MAX_SCOPE_TTL_SECONDS, `A scope lasts at most ${MAX_SCOPE_TTL_SECONDS} seconds.`);

const maxUses = z
  .number({ error: 'Give the use limit as a number.' })
  .int('Give a whole number of uses.')
  .min(1, 'Allow at least one use.')
  .max(MAX_USES, `Allow at most ${MAX_USES} uses.`);

/** `POST /api/v1/scope-requests`, from an agent with its own key. */
export const scopeRequestSchema = z.strictObject({
  task: plainText().trim().min(1, 'Say what the task is.').max(200, 'Use at most 200 characters.'),
  justification: plainText({ multiline: true })
    .trim()
    .min(1, 'Say why the task needs this access.')
    .max(2000, 'Use at most 2000 characters.'),
  actions: list(action, 'actions'),
  resources: list(resource, 'resources'),
  ttlSeconds,
  initiator: z.email('Give the email of the person who asked for the task.').max(320).toLowerCase(),
  maxUses: maxUses.nullish().transform((value) => value ?? null),
});
export type ScopeRequestInput = z.output<typeof scopeRequestSchema>;

const scopeId = z.string().trim().min(1, 'Choose a scope request.').max(64);
const reason = plainText({ multiline: true })
  .trim()
  .min(1, 'Give a reason: it is recorded.')
  .max(500, 'Use at most 500 characters.');

const optionalNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === '' || value === null || value === undefined ? undefined : Number(value)),
    schema.optional(),
  );

/** A sponsor's or Security's approval: the TTL may be shortened, the resources narrowed, the uses limited. */
export const approveScopeSchema = z.object({
  scopeId,
  ttlSeconds: optionalNumber(ttlSeconds),
  resources: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
    list(resource, 'resources').optional(),
  ),
  maxUses: optionalNumber(maxUses),
});

export const denyScopeSchema = z.object({ scopeId, reason });

export const revokeScopeSchema = z.object({ scopeId, reason });

export const revokeNhiGrantsSchema = z.object({ nhiId: z.string().trim().min(1).max(64), reason });

const hours = (label: string) =>
  z
    .number({ error: `Give the ${label} in seconds.` })
    .int('Give a whole number of seconds.')
    .min(60, 'Use at least 60 seconds.')
    .max(MAX_SCOPE_TTL_SECONDS, `Use at most ${MAX_SCOPE_TTL_SECONDS} seconds.`);

export const scopePolicySchema = z
  .object({
    readOnlyTtlCapSeconds: hours('cap for read-only scopes'),
    stateChangingTtlCapSeconds: hours('cap for state-changing scopes'),
    riskThreshold: z
      .number({ error: 'Give the threshold as a number.' })
      .int('Give a whole number.')
      .min(0, 'Use 0 to 100.')
      .max(100, 'Use 0 to 100.'),
    stateChangingVerbs: z.record(
      z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_-]*$/, 'Name a system in lower case, e.g. github.'),
      z
        .array(
          z
            .string()
            .trim()
            .regex(VERB_PATTERN, 'Write a verb pattern such as pulls.merge or *.delete.')
            .refine((pattern) => pattern !== '*', 'A bare * matches no verb: write patterns such as *.write.'),
        )
        .min(1, 'List at least one verb pattern, or leave the system out.')
        .max(100, 'List at most 100 patterns.'),
    ),
  })
  .refine((policy) => policy.stateChangingTtlCapSeconds <= policy.readOnlyTtlCapSeconds, {
    path: ['stateChangingTtlCapSeconds'],
    message: 'State-changing scopes cannot be allowed to last longer than read-only ones.',
  });

export const scopeIdSchema = z.object({ id: z.string().trim().min(1, 'Name the scope request.').max(64) });

/** `?wait=` on a status read: whole seconds, 0 to 30; anything else is a 400 rather than a silent default. */
export function parseWait(raw: string | null): number {
  if (raw === null || raw === '') return 0;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 30)
    throw new AppError('INVALID_QUERY', 'Give wait as whole seconds from 0 to 30.', 400);
  return seconds;
}
