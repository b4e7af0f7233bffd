import { describe, expect, it } from 'vitest';
import { answerOf, prepareEvaluation, prepareItem, stewardResource } from '../../lib/authzen/mapping';
import { traceparentOf, type Transport } from '../../lib/decisions/transport';
import { pdpIdentifier, pdpMetadata } from '../../lib/authzen/metadata';
import { evaluationSchema, evaluationsSchema, MAX_EVALUATIONS } from '../../lib/authzen/schemas';

const transport: Transport = { clientAddress: '10.0.0.7' };
const agent = { type: 'agent', id: 'release-bot', properties: { token: 'stt_secret' } };
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function evaluation(overrides: Record<string, unknown> = {}) {
  return evaluationSchema.parse({
    subject: agent,
    action: { name: 'github:pulls.read' },
    resource: { type: 'github', id: 'acme/payments/pulls/7' },
    ...overrides,
  });
}

describe('the AuthZEN mapping', () => {
  it('turns an agent, an action and a resource into Steward’s decision request', () => {
    const prepared = prepareEvaluation(evaluation({ context: { time: '2026-12-01T10:00:00Z' } }), {
      ...transport,
      correlationId: TRACEPARENT,
    });
    expect(prepared).toEqual({
      request: {
        token: 'stt_secret',
        action: 'github:pulls.read',
        resource: 'github:acme/payments/pulls/7',
        context: { time: '2026-12-01T10:00:00Z' },
        subjectId: 'release-bot',
        correlationId: TRACEPARENT,
        clientAddress: '10.0.0.7',
        via: 'authzen',
      },
    });
  });

  it.each([
    [{ type: 'github', id: 'acme/payments' }, 'github:acme/payments'],
    [{ type: 'github', id: 'github:acme/payments' }, 'github:acme/payments'],
    [{ type: 'aws', id: 'arn:aws:s3:::reports' }, 'aws:arn:aws:s3:::reports'],
    [{ type: 'aws', id: 'aws:arn:aws:s3:::reports' }, 'aws:arn:aws:s3:::reports'],
    [{ type: 'git', id: 'github:acme' }, 'git:github:acme'],
  ])('names the resource %j as %s', (resource, expected) => {
    expect(stewardResource(resource)).toBe(expected);
  });

  it('leaves the context out when there is none, and never passes subject properties other than the token on', () => {
    const prepared = prepareEvaluation(
      evaluation({ subject: { ...agent, properties: { token: 'stt_secret', department: 'payments' } } }),
      transport,
    );
    expect(prepared).toEqual({ request: expect.not.objectContaining({ context: expect.anything() }) });
    expect(JSON.stringify(prepared)).not.toContain('payments"');
  });

  it('denies a subject without a task token, or one that is not an agent, without asking the decision code', () => {
    for (const subject of [
      { type: 'agent', id: 'release-bot' },
      { type: 'agent', id: 'release-bot', properties: { token: '' } },
      { type: 'agent', id: 'release-bot', properties: { token: 42 } },
    ]) {
      expect(prepareEvaluation(evaluation({ subject }), transport)).toEqual({
        answer: {
          decision: false,
          context: { reason: 'TOKEN_UNKNOWN', error: { status: 401, message: expect.any(String) } },
        },
      });
    }
    expect(prepareEvaluation(evaluation({ subject: { ...agent, type: 'user' } }), transport)).toEqual({
      answer: {
        decision: false,
        context: { reason: 'TOKEN_UNKNOWN', error: { status: 400, message: expect.any(String) } },
      },
    });
  });

  it('answers with a boolean decision, the reason code and the chain event', () => {
    expect(answerOf({ decision: 'allow', reason: 'ALLOWED', scopeId: 'sc_1', eventId: '42' })).toEqual({
      decision: true,
      context: { reason: 'ALLOWED', eventId: '42' },
    });
    expect(answerOf({ decision: 'deny', reason: 'SCOPE_EXHAUSTED', eventId: '43' })).toEqual({
      decision: false,
      context: { reason: 'SCOPE_EXHAUSTED', eventId: '43' },
    });
    expect(answerOf({ decision: 'deny', reason: 'TOKEN_UNKNOWN', eventId: '' })).toEqual({
      decision: false,
      context: { reason: 'TOKEN_UNKNOWN' },
    });
  });

  it('fills a batch item from the top-level defaults, each entity replaced whole, not merged', () => {
    const body = evaluationsSchema.parse({
      subject: agent,
      action: { name: 'github:pulls.read' },
      resource: { type: 'github', id: 'acme/payments', properties: { visibility: 'private' } },
      context: { time: 'then' },
    });
    expect(prepareItem(body, {}, transport)).toMatchObject({
      request: { action: 'github:pulls.read', resource: 'github:acme/payments', context: { time: 'then' } },
    });
    expect(
      prepareItem(
        body,
        {
          action: { name: 'github:pulls.write' },
          resource: { type: 'github', id: 'acme/web' },
          context: { source: 'x' },
        },
        transport,
      ),
    ).toMatchObject({
      request: { action: 'github:pulls.write', resource: 'github:acme/web', context: { source: 'x' } },
    });
    const other = { type: 'agent', id: 'other-bot', properties: { token: 'stt_other' } };
    expect(prepareItem(body, { subject: other }, transport)).toMatchObject({
      request: { token: 'stt_other', subjectId: 'other-bot' },
    });
  });

  it('makes a bad or incomplete batch item a failed evaluation of its own', () => {
    const body = evaluationsSchema.parse({ subject: agent, action: { name: 'github:pulls.read' } });
    for (const item of [{}, 'resource', [], { resource: { id: 'acme' } }, { resource: { type: 'github', id: 7 } }]) {
      expect(prepareItem(body, item, transport)).toEqual({
        answer: { decision: false, context: { error: { status: 400, message: expect.any(String) } } },
      });
    }
    const missing = prepareItem(body, {}, transport);
    expect(JSON.stringify(missing)).toContain('resource');
  });

  it.each([
    ['missing subject', { action: { name: 'r' }, resource: { type: 't', id: 'i' } }],
    ['missing action', { subject: agent, resource: { type: 't', id: 'i' } }],
    ['missing resource', { subject: agent, action: { name: 'r' } }],
    ['subject without type', { subject: { id: 'a' }, action: { name: 'r' }, resource: { type: 't', id: 'i' } }],
    ['subject without id', { subject: { type: 'agent' }, action: { name: 'r' }, resource: { type: 't', id: 'i' } }],
    ['action without name', { subject: agent, action: {}, resource: { type: 't', id: 'i' } }],
    ['resource without type', { subject: agent, action: { name: 'r' }, resource: { id: 'i' } }],
    ['resource without id', { subject: agent, action: { name: 'r' }, resource: { type: 't' } }],
    ['subject as a string', { subject: 'alice', action: { name: 'r' }, resource: { type: 't', id: 'i' } }],
    ['numeric action name', { subject: agent, action: { name: 123 }, resource: { type: 't', id: 'i' } }],
    ['context as an array', { subject: agent, action: { name: 'r' }, resource: { type: 't', id: 'i' }, context: [] }],
    [
      'a context too large to record',
      { subject: agent, action: { name: 'r' }, resource: { type: 't', id: 'i' }, context: { note: 'x'.repeat(5000) } },
    ],
    ['a JSON array', []],
  ])('refuses a single evaluation with %s', (_, body) => {
    expect(evaluationSchema.safeParse(body).success).toBe(false);
  });

  it('ignores unknown members and takes an optional member sent as null as absent', () => {
    const parsed = evaluationSchema.parse({
      subject: agent,
      action: { name: 'github:pulls.read', properties: null },
      resource: { type: 'github', id: 'acme' },
      context: null,
      foo: 'bar',
      futureField: { nested: true },
    });
    expect(parsed).not.toHaveProperty('foo');
    expect(prepareEvaluation(parsed, transport)).toEqual({ request: expect.not.objectContaining({ context: null }) });
  });

  it('refuses a batch whose top level is malformed, an unknown semantic or too many items', () => {
    const item = { resource: { type: 'github', id: 'acme' } };
    expect(evaluationsSchema.safeParse({ subject: 'alice', evaluations: [item] }).success).toBe(false);
    expect(evaluationsSchema.safeParse({ evaluations: {} }).success).toBe(false);
    expect(
      evaluationsSchema.safeParse({ evaluations: [item], options: { evaluations_semantic: 'first_wins' } }).success,
    ).toBe(false);
    expect(evaluationsSchema.safeParse({ evaluations: Array(MAX_EVALUATIONS + 1).fill(item) }).success).toBe(false);
    expect(
      evaluationsSchema.safeParse({
        evaluations: [item],
        options: { evaluations_semantic: 'execute_all', another_option: 1 },
      }).success,
    ).toBe(true);
  });

  it('takes a valid W3C traceparent as the correlation id and ignores anything else', () => {
    expect(traceparentOf(TRACEPARENT)).toBe(TRACEPARENT);
    expect(traceparentOf(` ${TRACEPARENT.toUpperCase()} `)).toBe(TRACEPARENT);
    expect(traceparentOf('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future')).toBe(
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future',
    );
    for (const bad of [
      null,
      '',
      'not a trace',
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      `${TRACEPARENT}-extra`,
      '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01',
    ])
      expect(traceparentOf(bad)).toBeUndefined();
  });

  it('publishes its endpoints under the configured origin, or the request’s own without one', () => {
    expect(
      pdpMetadata(
        pdpIdentifier('http://10.0.0.5:3000/.well-known/authzen-configuration', 'https://steward.example.com/'),
      ),
    ).toEqual({
      policy_decision_point: 'https://steward.example.com',
      access_evaluation_endpoint: 'https://steward.example.com/access/v1/evaluation',
      access_evaluations_endpoint: 'https://steward.example.com/access/v1/evaluations',
    });
    expect(pdpIdentifier('http://localhost:3000/.well-known/authzen-configuration', '')).toBe('http://localhost:3000');
    expect(pdpIdentifier('http://localhost:3000/.well-known/authzen-configuration', 'not a url')).toBe(
      'http://localhost:3000',
    );
  });
});
