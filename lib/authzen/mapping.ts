import { z } from 'zod';
import type { AuthorizeOutcome, AuthorizeRequest } from '../decisions/authorize';
import type { Transport } from '../decisions/transport';
import { evaluationSchema, type Evaluation, type EvaluationsBody } from './schemas';

/**
 * How an AuthZEN evaluation becomes Steward's runtime decision and back. The subject is the agent, carrying its
 * task token in `properties.token`; the action name is Steward's `system:verb`; the resource `{type, id}` is
 * Steward's `type:id`; the context passes through. Pure: the caller decides.
 */

export const AGENT_SUBJECT_TYPE = 'agent';

export type AuthzenAnswer = {
  decision: boolean;
  context?: { reason?: string; eventId?: string; error?: { status: number; message: string } };
};

/** An evaluation ready for the decision code, or the answer it gets without one (nothing is recorded for it). */
export type Prepared = { request: AuthorizeRequest } | { answer: AuthzenAnswer };

export function stewardResource(resource: { type: string; id: string }): string {
  return resource.id.startsWith(`${resource.type}:`) ? resource.id : `${resource.type}:${resource.id}`;
}

function failed(status: number, message: string, reason?: string): { answer: AuthzenAnswer } {
  return { answer: { decision: false, context: { ...(reason ? { reason } : {}), error: { status, message } } } };
}

/**
 * A subject that is not an agent, or that carries no task token, is not something Steward can decide for: it is
 * denied as TOKEN_UNKNOWN without a decision being recorded, as /authorize refuses a call without a token.
 */
export function prepareEvaluation(evaluation: Evaluation, transport: Transport): Prepared {
  const { subject, action, resource, context } = evaluation;
  if (subject.type !== AGENT_SUBJECT_TYPE)
    return failed(400, `Steward decides for subjects of type "${AGENT_SUBJECT_TYPE}" only.`, 'TOKEN_UNKNOWN');
  const token = subject.properties?.token;
  if (typeof token !== 'string' || token === '')
    return failed(401, 'The subject carries no task token in properties.token.', 'TOKEN_UNKNOWN');
  return {
    request: {
      token,
      action: action.name,
      resource: stewardResource(resource),
      ...(context ? { context } : {}),
      subjectId: subject.id,
      ...(transport.correlationId ? { correlationId: transport.correlationId } : {}),
      clientAddress: transport.clientAddress,
      via: 'authzen',
    },
  };
}

/** The chain event's id is left out when none was recorded (an unknown token already counted this minute). */
export function answerOf(outcome: AuthorizeOutcome): AuthzenAnswer {
  return {
    decision: outcome.decision === 'allow',
    context: { reason: outcome.reason, ...(outcome.eventId ? { eventId: outcome.eventId } : {}) },
  };
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'evaluation'}: ${issue.message}`).join(' ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const given = (value: unknown) => value !== undefined && value !== null;

/** One item of a batch with the top-level defaults filled in (each key replaced whole), checked and prepared. */
export function prepareItem(body: EvaluationsBody, item: unknown, transport: Transport): Prepared {
  if (!isObject(item)) return failed(400, 'Each evaluation must be a JSON object.');
  const merged = {
    subject: given(item.subject) ? item.subject : body.subject,
    action: given(item.action) ? item.action : body.action,
    resource: given(item.resource) ? item.resource : body.resource,
    context: given(item.context) ? item.context : body.context,
  };
  const parsed = evaluationSchema.safeParse(merged);
  if (!parsed.success) return failed(400, issuesOf(parsed.error));
  return prepareEvaluation(parsed.data, transport);
}
