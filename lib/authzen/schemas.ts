import { z } from 'zod';
import { MAX_CONTEXT_BYTES } from '../decisions/schemas';

/**
 * The request shapes of OpenID AuthZEN Authorization API 1.0 (Access Evaluation and Access Evaluations). Unknown
 * members are ignored, as the specification requires for forward compatibility; an optional member sent as null
 * counts as absent.
 */

export const EVALUATIONS_SEMANTICS = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;
export type EvaluationsSemantic = (typeof EVALUATIONS_SEMANTICS)[number];

export const MAX_EVALUATIONS = 100;
const MAX_NAME_LENGTH = 1000;

const name = (what: string) =>
  z
    .string({ error: `Give ${what} as a string.` })
    .min(1, `Give ${what}.`)
    .max(MAX_NAME_LENGTH, `Give ${what} in at most ${MAX_NAME_LENGTH} characters.`);

const attributes = (what: string) =>
  z.record(z.string(), z.unknown(), { error: `Give ${what} as a JSON object.` }).nullish();

export const subjectSchema = z.object(
  { type: name('the subject type'), id: name('the subject id'), properties: attributes('the subject properties') },
  { error: 'Give the subject as an object with a type and an id.' },
);

export const resourceSchema = z.object(
  { type: name('the resource type'), id: name('the resource id'), properties: attributes('the resource properties') },
  { error: 'Give the resource as an object with a type and an id.' },
);

export const actionSchema = z.object(
  { name: name('the action name'), properties: attributes('the action properties') },
  { error: 'Give the action as an object with a name.' },
);

export const contextSchema = z
  .record(z.string(), z.unknown(), { error: 'Give the context as a JSON object.' })
  .refine((context) => Buffer.byteLength(JSON.stringify(context)) <= MAX_CONTEXT_BYTES, {
    message: `Keep the context under ${MAX_CONTEXT_BYTES} bytes: it is recorded with the decision.`,
  })
  .nullish();

export const evaluationSchema = z.object({
  subject: subjectSchema,
  action: actionSchema,
  resource: resourceSchema,
  context: contextSchema,
});

export type Evaluation = z.output<typeof evaluationSchema>;

/**
 * The batch form: the top-level subject, action, resource and context are defaults for every item of
 * `evaluations`, each item replacing a default whole by its own. Items are checked one by one when they are
 * decided, so that one bad item is a failed evaluation, not a refused request.
 */
export const evaluationsSchema = z.object({
  subject: subjectSchema.nullish(),
  action: actionSchema.nullish(),
  resource: resourceSchema.nullish(),
  context: contextSchema,
  evaluations: z
    .array(z.unknown(), { error: 'Give the evaluations as an array.' })
    .max(MAX_EVALUATIONS, `Send at most ${MAX_EVALUATIONS} evaluations in one request.`)
    .nullish(),
  options: z
    .object(
      {
        evaluations_semantic: z
          .enum(EVALUATIONS_SEMANTICS, { error: `Choose the semantic from ${EVALUATIONS_SEMANTICS.join(', ')}.` })
          .nullish(),
      },
      { error: 'Give the options as an object.' },
    )
    .nullish(),
});

export type EvaluationsBody = z.output<typeof evaluationsSchema>;
