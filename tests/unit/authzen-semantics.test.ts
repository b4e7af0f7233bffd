import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AuthorizeOutcome, AuthorizeRequest } from '../../lib/decisions/authorize';
import type { Prepared } from '../../lib/authzen/mapping';
import { runEvaluations, type Decider } from '../../lib/authzen/semantics';
import { EVALUATIONS_SEMANTICS } from '../../lib/authzen/schemas';

/** A decision code that allows the resources named `ok…`, and remembers what it was asked, and how. */
function recordingDecider() {
  const calls: { how: 'many' | 'one'; resources: string[] }[] = [];
  let seq = 0;
  const decideOne = (request: AuthorizeRequest): AuthorizeOutcome => {
    seq += 1;
    return request.resource.startsWith('ok')
      ? { decision: 'allow', reason: 'ALLOWED', eventId: String(seq) }
      : { decision: 'deny', reason: 'RESOURCE_NOT_IN_SCOPE', eventId: String(seq) };
  };
  const decider: Decider = {
    async many(requests) {
      calls.push({ how: 'many', resources: requests.map((request) => request.resource) });
      return requests.map(decideOne);
    },
    async one(request) {
      calls.push({ how: 'one', resources: [request.resource] });
      return decideOne(request);
    },
  };
  return { decider, calls };
}

const item = (resource: string): Prepared => ({
  request: { token: 't', action: 'a:b', resource, clientAddress: '1.2.3.4', via: 'authzen' },
});
const broken: Prepared = { answer: { decision: false, context: { error: { status: 400, message: 'no resource' } } } };

describe('the evaluations semantics', () => {
  it('execute_all decides every valid item in one call, in order, and answers every item in order', async () => {
    const { decider, calls } = recordingDecider();
    const answers = await runEvaluations([item('ok1'), broken, item('no2'), item('ok3')], 'execute_all', decider);
    expect(calls).toEqual([{ how: 'many', resources: ['ok1', 'no2', 'ok3'] }]);
    expect(answers).toEqual([
      { decision: true, context: { reason: 'ALLOWED', eventId: '1' } },
      broken.answer,
      { decision: false, context: { reason: 'RESOURCE_NOT_IN_SCOPE', eventId: '2' } },
      { decision: true, context: { reason: 'ALLOWED', eventId: '3' } },
    ]);
  });

  it('execute_all with nothing valid asks the decision code nothing', async () => {
    const { decider, calls } = recordingDecider();
    expect(await runEvaluations([broken, broken], 'execute_all', decider)).toEqual([broken.answer, broken.answer]);
    expect(calls).toEqual([]);
  });

  it('deny_on_first_deny stops at the first deny, and never decides what follows it', async () => {
    const { decider, calls } = recordingDecider();
    const answers = await runEvaluations([item('ok1'), item('no2'), item('ok3')], 'deny_on_first_deny', decider);
    expect(answers.map((answer) => answer.decision)).toEqual([true, false]);
    expect(calls.flatMap((call) => call.resources)).toEqual(['ok1', 'no2']);
  });

  it('deny_on_first_deny takes a failed item as a deny', async () => {
    const { decider, calls } = recordingDecider();
    expect(await runEvaluations([item('ok1'), broken, item('ok3')], 'deny_on_first_deny', decider)).toEqual([
      { decision: true, context: { reason: 'ALLOWED', eventId: '1' } },
      broken.answer,
    ]);
    expect(calls.flatMap((call) => call.resources)).toEqual(['ok1']);
  });

  it('permit_on_first_permit stops at the first permit, passing over failed items', async () => {
    const { decider, calls } = recordingDecider();
    const answers = await runEvaluations(
      [broken, item('no1'), item('ok2'), item('ok3')],
      'permit_on_first_permit',
      decider,
    );
    expect(answers.map((answer) => answer.decision)).toEqual([false, false, true]);
    expect(calls.flatMap((call) => call.resources)).toEqual(['no1', 'ok2']);
  });

  it('always answers a prefix of execute_all’s answers, ending where the semantic says', async () => {
    const items = fc.array(
      fc.oneof(
        fc.constantFrom('ok', 'no').map((prefix) => ({ prefix })),
        fc.constant(null),
      ),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(items, fc.constantFrom(...EVALUATIONS_SEMANTICS), async (spec, semantic) => {
        const prepared = spec.map((entry, index) => (entry ? item(`${entry.prefix}${index}`) : broken));
        const all = (await runEvaluations(prepared, 'execute_all', recordingDecider().decider)).map((a) => a.decision);
        const answers = (await runEvaluations(prepared, semantic, recordingDecider().decider)).map((a) => a.decision);
        expect(answers).toEqual(all.slice(0, answers.length));
        if (semantic === 'execute_all') expect(answers).toHaveLength(prepared.length);
        const stopOn = semantic === 'deny_on_first_deny' ? false : semantic === 'permit_on_first_permit' ? true : null;
        if (stopOn === null) return;
        const first = all.indexOf(stopOn);
        expect(answers).toHaveLength(first === -1 ? all.length : first + 1);
      }),
    );
  });
});
