import type { AuthorizeOutcome, AuthorizeRequest } from '../decisions/authorize';
import { answerOf, type AuthzenAnswer, type Prepared } from './mapping';
import type { EvaluationsSemantic } from './schemas';

/** The decision code as the batch uses it: every request in order in one go, or one at a time. */
export type Decider = {
  many(requests: AuthorizeRequest[]): Promise<AuthorizeOutcome[]>;
  one(request: AuthorizeRequest): Promise<AuthorizeOutcome>;
};

async function executeAll(items: Prepared[], decider: Decider): Promise<AuthzenAnswer[]> {
  const requests = items.flatMap((item) => ('request' in item ? [item.request] : []));
  const outcomes = requests.length > 0 ? await decider.many(requests) : [];
  let next = 0;
  return items.map((item) => ('request' in item ? answerOf(outcomes[next++]) : item.answer));
}

/**
 * Short-circuiting semantics decide one item at a time and stop at the first answer that settles the batch, so
 * that nothing after it is decided, recorded or counted against a scope's uses. The answer lists the items up
 * to and including that one, as the specification's examples show.
 */
async function untilFirst(items: Prepared[], decider: Decider, stopOn: boolean): Promise<AuthzenAnswer[]> {
  const answers: AuthzenAnswer[] = [];
  for (const item of items) {
    const answer = 'request' in item ? answerOf(await decider.one(item.request)) : item.answer;
    answers.push(answer);
    if (answer.decision === stopOn) break;
  }
  return answers;
}

export function runEvaluations(
  items: Prepared[],
  semantic: EvaluationsSemantic,
  decider: Decider,
): Promise<AuthzenAnswer[]> {
  if (semantic === 'deny_on_first_deny') return untilFirst(items, decider, false);
  if (semantic === 'permit_on_first_permit') return untilFirst(items, decider, true);
  return executeAll(items, decider);
}
