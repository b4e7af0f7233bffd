import 'server-only';
import { z } from 'zod';
import { requirePermission, type Actor } from '../auth/actor';
import { keyUseIsStale, recordKeyUse } from '../auth/api-keys';
import { transaction } from '../db';
import { authorize, authorizeMany } from '../decisions/authorize';
import { AppError } from '../errors';
import type { Transport } from '../decisions/transport';
import { answerOf, prepareEvaluation, prepareItem, type AuthzenAnswer } from './mapping';
import { runEvaluations } from './semantics';
import { evaluationSchema, evaluationsSchema } from './schemas';

/**
 * The AuthZEN Access Evaluation and Access Evaluations APIs over Steward's runtime decision: the same checks and
 * the same chain logging as /api/v1/authorize, asked by a gateway on behalf of an agent.
 */

/** AuthZEN answers a request with missing or mistyped members with 400 (not the machine API's 422). */
function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const fieldErrors: Record<string, string[]> = { ...(flat.fieldErrors as Record<string, string[]>) };
  if (flat.formErrors.length > 0) fieldErrors._form = flat.formErrors;
  throw new AppError('INVALID_REQUEST', 'The request is not an AuthZEN evaluation request.', 400, { fieldErrors });
}

/** The gateway key's last use, kept to the minute like every key's, written only once the answer is decided. */
async function noteGatewayUse(key: Actor): Promise<void> {
  if (key.kind !== 'key' || !keyUseIsStale(key)) return;
  try {
    await transaction((tx) => recordKeyUse(tx, key));
  } catch (error) {
    console.error('Recording a gateway key use failed', error);
  }
}

async function decideOne(body: unknown, transport: Transport): Promise<AuthzenAnswer> {
  const prepared = prepareEvaluation(parseRequest(evaluationSchema, body), transport);
  return 'request' in prepared ? answerOf(await authorize(prepared.request)) : prepared.answer;
}

export async function evaluateAccess(actor: Actor, body: unknown, transport: Transport): Promise<AuthzenAnswer> {
  requirePermission(actor, 'decision.evaluate');
  const answer = await decideOne(body, transport);
  await noteGatewayUse(actor);
  return answer;
}

/** Without items (absent or empty `evaluations`) the batch form is the single form, and answers like it. */
export async function evaluateAccessBatch(
  actor: Actor,
  body: unknown,
  transport: Transport,
): Promise<AuthzenAnswer | { evaluations: AuthzenAnswer[] }> {
  requirePermission(actor, 'decision.evaluate');
  const batch = parseRequest(evaluationsSchema, body);
  if (!batch.evaluations || batch.evaluations.length === 0) {
    const answer = await decideOne(body, transport);
    await noteGatewayUse(actor);
    return answer;
  }
  const items = batch.evaluations.map((item) => prepareItem(batch, item, transport));
  const evaluations = await runEvaluations(items, batch.options?.evaluations_semantic ?? 'execute_all', {
    many: authorizeMany,
    one: async (request) => (await authorizeMany([request]))[0],
  });
  await noteGatewayUse(actor);
  return { evaluations };
}
