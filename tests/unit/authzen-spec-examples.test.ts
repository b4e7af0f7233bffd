import { describe, expect, it } from 'vitest';
import type { AuthorizeOutcome, AuthorizeRequest } from '../../lib/decisions/authorize';
import { prepareEvaluation, prepareItem, type AuthzenAnswer } from '../../lib/authzen/mapping';
import { runEvaluations, type Decider } from '../../lib/authzen/semantics';
import { evaluationSchema, evaluationsSchema } from '../../lib/authzen/schemas';

/**
 * The request and response examples of OpenID AuthZEN Authorization API 1.0 (and of its certification
 * scenario), as the specification writes them. Their subjects are people; Steward's are agents, so each example
 * is also run with its subject turned into an agent carrying a task token.
 */

const transport = { clientAddress: '192.0.2.10' };

type Json = Record<string, unknown>;

function asAgent(body: Json): Json {
  const turn = (subject: unknown) => {
    const { id } = subject as { id: string };
    return { type: 'agent', id, properties: { token: `token-of-${id}` } };
  };
  return {
    ...body,
    ...(body.subject ? { subject: turn(body.subject) } : {}),
    ...(Array.isArray(body.evaluations)
      ? {
          evaluations: body.evaluations.map((item: Json) =>
            item.subject ? { ...item, subject: turn(item.subject) } : item,
          ),
        }
      : {}),
  };
}

/** Allows what the spec's examples allow: every document but number 2, and nothing called "resource-search.md". */
function exampleDecider(): Decider & { asked: string[] } {
  const asked: string[] = [];
  const decide = (request: AuthorizeRequest): AuthorizeOutcome => {
    asked.push(request.resource);
    const allowed = !['document:2', 'document:resource-search.md'].includes(request.resource);
    return allowed
      ? { decision: 'allow', reason: 'ALLOWED', eventId: String(asked.length) }
      : { decision: 'deny', reason: 'RESOURCE_NOT_IN_SCOPE', eventId: String(asked.length) };
  };
  return { asked, many: async (requests) => requests.map(decide), one: async (request) => decide(request) };
}

async function evaluations(body: Json, decider = exampleDecider()): Promise<AuthzenAnswer[]> {
  const batch = evaluationsSchema.parse(body);
  const items = (batch.evaluations ?? []).map((item) => prepareItem(batch, item, transport));
  return runEvaluations(items, batch.options?.evaluations_semantic ?? 'execute_all', decider);
}

const decisions = (answers: AuthzenAnswer[]) => answers.map((answer) => answer.decision);

const EXAMPLE_REQUEST = {
  subject: { type: 'user', id: 'alice@example.com' },
  resource: { type: 'account', id: '123' },
  action: { name: 'can_read', properties: { method: 'GET' } },
  context: { time: '1985-10-26T01:22-07:00' },
};

const alice = { type: 'user', id: 'alice@example.com' };
const doc = (id: string) => ({ resource: { type: 'document', id } });

const THREE_REQUESTS_NO_DEFAULTS = {
  evaluations: ['boxcarring.md', 'subject-search.md', 'resource-search.md'].map((id) => ({
    subject: alice,
    action: { name: 'can_read' },
    ...doc(id),
    context: { time: '2024-05-31T15:22-07:00' },
  })),
};

const DEFAULTS_WITH_OVERRIDE = {
  subject: alice,
  context: { time: '2024-05-31T15:22-07:00' },
  action: { name: 'can_read' },
  evaluations: [
    doc('boxcarring.md'),
    doc('subject-search.md'),
    { action: { name: 'can_edit' }, ...doc('resource-search.md') },
  ],
};

const semanticExample = (semantic: string) => ({
  subject: alice,
  action: { name: 'read' },
  options: { evaluations_semantic: semantic },
  evaluations: [doc('1'), doc('2'), doc('3')],
});

describe('the specification’s examples', () => {
  it('accepts the Access Evaluation example request, and maps it once its subject is an agent', () => {
    const verbatim = prepareEvaluation(evaluationSchema.parse(EXAMPLE_REQUEST), transport);
    expect(verbatim).toEqual({
      answer: { decision: false, context: expect.objectContaining({ reason: 'TOKEN_UNKNOWN' }) },
    });
    expect(prepareEvaluation(evaluationSchema.parse(asAgent(EXAMPLE_REQUEST)), transport)).toEqual({
      request: {
        token: 'token-of-alice@example.com',
        subjectId: 'alice@example.com',
        action: 'can_read',
        resource: 'account:123',
        context: { time: '1985-10-26T01:22-07:00' },
        clientAddress: '192.0.2.10',
        via: 'authzen',
      },
    });
  });

  it('decides the three requests without defaults, in order', async () => {
    const decider = exampleDecider();
    expect(decisions(await evaluations(asAgent(THREE_REQUESTS_NO_DEFAULTS), decider))).toEqual([true, true, false]);
    expect(decider.asked).toEqual([
      'document:boxcarring.md',
      'document:subject-search.md',
      'document:resource-search.md',
    ]);
  });

  it('fills defaults from the top level and lets an item override the action', async () => {
    const body = evaluationsSchema.parse(asAgent(DEFAULTS_WITH_OVERRIDE));
    const items = (body.evaluations ?? []).map((item) => prepareItem(body, item, transport));
    expect(items.map((item) => ('request' in item ? [item.request.action, item.request.resource] : null))).toEqual([
      ['can_read', 'document:boxcarring.md'],
      ['can_read', 'document:subject-search.md'],
      ['can_edit', 'document:resource-search.md'],
    ]);
    for (const item of items) expect(item).toMatchObject({ request: { context: { time: '2024-05-31T15:22-07:00' } } });
  });

  it('answers the three semantics as the specification’s example responses do', async () => {
    expect(await evaluations(asAgent(semanticExample('execute_all')))).toEqual([
      { decision: true, context: { reason: 'ALLOWED', eventId: '1' } },
      { decision: false, context: { reason: 'RESOURCE_NOT_IN_SCOPE', eventId: '2' } },
      { decision: true, context: { reason: 'ALLOWED', eventId: '3' } },
    ]);
    expect(decisions(await evaluations(asAgent(semanticExample('deny_on_first_deny'))))).toEqual([true, false]);
    expect(decisions(await evaluations(asAgent(semanticExample('permit_on_first_permit'))))).toEqual([true]);
  });

  it('fails the options example’s item, which names no action, as an evaluation and not as a request', async () => {
    const example = {
      evaluations: [{ resource: { type: 'doc', id: '1' }, subject: { type: 'doc', id: '2' } }],
      options: { evaluations_semantic: 'execute_all', another_option: 'value' },
    };
    const [answer] = await evaluations(asAgent(example));
    expect(answer).toEqual({
      decision: false,
      context: { error: { status: 400, message: expect.stringContaining('action') } },
    });
  });

  it('answers the certification’s batch with one incomplete item with a false for that item only', async () => {
    const body = {
      subject: { type: 'user', id: 'alice' },
      action: { name: 'read' },
      options: { evaluations_semantic: 'execute_all' },
      evaluations: [{ resource: { type: 'record', id: 'record-1' } }, {}],
    };
    const answers = await evaluations(asAgent(body));
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatchObject({ decision: true });
    expect(answers[1]).toMatchObject({ decision: false, context: { error: { status: 400 } } });
  });

  it('takes the certification’s whole-object inheritance, with no merging of an entity’s members', async () => {
    const body = evaluationsSchema.parse(
      asAgent({
        subject: { type: 'user', id: 'alice' },
        action: { name: 'write' },
        resource: { type: 'record', id: 'record-1', properties: { status: 'active' } },
        evaluations: [{}, { resource: { type: 'record', id: 'record-2', properties: { status: 'archived' } } }],
      }),
    );
    const items = (body.evaluations ?? []).map((item) => prepareItem(body, item, transport));
    expect(items.map((item) => ('request' in item ? item.request.resource : null))).toEqual([
      'record:record-1',
      'record:record-2',
    ]);
  });
});
