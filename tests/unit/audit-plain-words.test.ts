import { describe, expect, it } from 'vitest';
import { plainWords, principalName, type PlainEvent, type PlainPrincipal } from '../../lib/audit/plain-words';
import type { Attribution, CredentialKind } from '../../lib/db/generated/sqlite/enums';

const priya: PlainPrincipal = { type: 'HUMAN', id: 'h1', label: 'priya@acme.example', name: 'Priya Natarajan' };
const alice: PlainPrincipal = { type: 'HUMAN', id: null, label: 'alice.chen', name: null };
const agent: PlainPrincipal = { type: 'NHI', id: 'n1', label: 'pr-review-agent', name: 'pr-review-agent' };
const orchestrator: PlainPrincipal = { type: 'NHI', id: 'n2', label: 'orchestrator', name: 'release-orchestrator' };
const nobody: PlainPrincipal = { type: 'UNKNOWN', id: null, label: null, name: null };

function event(
  attribution: Attribution,
  initiator: PlainPrincipal,
  executor: PlainPrincipal,
  kind: CredentialKind | null = null,
  extra: Partial<PlainEvent> = {},
): PlainEvent {
  return {
    attribution,
    source: 'cloudtrail',
    initiator,
    executor,
    credential: kind ? { kind, subjectType: null, subjectHumanName: null } : null,
    ...extra,
  };
}

describe('plain words: who asked and what acted', () => {
  it('names the person and the agent of a delegated task, with the agent’s credential', () => {
    expect(plainWords(event('AGENT_DELEGATED', priya, agent, 'TASK_TOKEN'))).toBe(
      'Priya Natarajan → pr-review-agent, with its task token',
    );
    expect(plainWords(event('AGENT_DELEGATED', priya, agent, 'API_KEY'))).toBe(
      'Priya Natarajan → pr-review-agent, with its API key',
    );
    expect(plainWords(event('AGENT_DELEGATED', priya, agent))).toBe('Priya Natarajan → pr-review-agent');
    expect(plainWords(event('AGENT_DELEGATED', nobody, agent, 'TASK_TOKEN'))).toBe(
      'pr-review-agent for a task, with its task token',
    );
  });

  it('says whose credential an agent borrowed, from the inventory or from the log', () => {
    expect(plainWords(event('AGENT_BORROWED', alice, alice, 'ACCESS_KEY'))).toBe(
      'alice.chen’s access key, used by an agent',
    );
    expect(plainWords(event('AGENT_BORROWED', priya, agent, 'PERSONAL_ACCESS_TOKEN'))).toBe(
      'Priya Natarajan’s personal access token, used by pr-review-agent',
    );
    const named = event('AGENT_BORROWED', nobody, agent, 'SESSION_COOKIE', {
      credential: { kind: 'SESSION_COOKIE', subjectType: 'HUMAN', subjectHumanName: 'James Ellis' },
    });
    expect(plainWords(named)).toBe('James Ellis’ browser session, used by pr-review-agent');
    expect(plainWords(event('AGENT_BORROWED', nobody, nobody))).toBe('A person’s credential, used by an agent');
  });

  it('puts a person with their own credential in their own words', () => {
    expect(plainWords(event('HUMAN', alice, alice, 'SESSION_COOKIE'))).toBe('alice.chen at a browser');
    expect(plainWords(event('HUMAN', alice, alice, 'PASSWORD'))).toBe('alice.chen with their password');
    expect(plainWords(event('HUMAN', priya, priya, 'ACCESS_KEY'))).toBe('Priya Natarajan with their access key');
    expect(plainWords(event('HUMAN', priya, priya, 'OAUTH_GRANT'))).toBe('Priya Natarajan through an OAuth grant');
    expect(plainWords(event('HUMAN', priya, priya, null, { source: 'steward' }))).toBe('Priya Natarajan in Steward');
    expect(plainWords(event('HUMAN', priya, priya))).toBe('Priya Natarajan');
  });

  it('tells an agent on its own from one another agent or a trigger started', () => {
    expect(plainWords(event('AGENT_AUTONOMOUS', nobody, agent))).toBe('pr-review-agent on its own');
    expect(plainWords(event('AGENT_AUTONOMOUS', { ...nobody, type: 'SYSTEM' }, agent, 'API_KEY'))).toBe(
      'pr-review-agent on its own, with its API key',
    );
    expect(plainWords(event('AGENT_AUTONOMOUS', { ...nobody, type: 'SYSTEM', label: 'cron' }, agent))).toBe(
      'pr-review-agent on its own, started by cron',
    );
    expect(plainWords(event('AGENT_AUTONOMOUS', orchestrator, agent, 'CERTIFICATE'))).toBe(
      'release-orchestrator → pr-review-agent, with its certificate',
    );
  });

  it('names Steward’s own jobs and API keys as systems', () => {
    const job: PlainPrincipal = { type: 'SYSTEM', id: null, label: 'scope-expiry', name: null };
    const steward = { source: 'steward' };
    expect(plainWords(event('AGENT_AUTONOMOUS', job, job, null, steward))).toBe('Steward (system: scope-expiry)');
    expect(plainWords(event('AGENT_AUTONOMOUS', { ...job, label: null }, { ...job, label: null }, null, steward))).toBe(
      'Steward (system)',
    );
    const key: PlainPrincipal = { type: 'SYSTEM', id: 'k1', label: 'api-key:collector', name: null };
    expect(plainWords(event('AGENT_AUTONOMOUS', key, key, null, steward))).toBe('API key “collector”');
    expect(plainWords(event('AGENT_AUTONOMOUS', job, job))).toBe('scope-expiry (system)');
  });

  it('says plainly when nobody could be attributed', () => {
    expect(plainWords(event('UNKNOWN', nobody, { ...nobody, label: 'AROAEXAMPLE:runner' }))).toBe(
      'AROAEXAMPLE:runner, not attributed',
    );
    expect(plainWords(event('UNKNOWN', nobody, nobody))).toBe('Not attributed');
  });

  it('covers every attribution with every credential kind in one sentence', () => {
    const attributions: Attribution[] = ['HUMAN', 'AGENT_DELEGATED', 'AGENT_AUTONOMOUS', 'AGENT_BORROWED', 'UNKNOWN'];
    const kinds: (CredentialKind | null)[] = [
      null,
      'PASSWORD',
      'SESSION_COOKIE',
      'PERSONAL_ACCESS_TOKEN',
      'OAUTH_GRANT',
      'API_KEY',
      'ACCESS_KEY',
      'CERTIFICATE',
      'SSH_KEY',
      'TASK_TOKEN',
    ];
    for (const attribution of attributions)
      for (const kind of kinds)
        for (const [initiator, executor] of [
          [priya, agent],
          [alice, alice],
          [nobody, nobody],
        ] as const) {
          const text = plainWords(event(attribution, initiator, executor, kind));
          expect(text.length).toBeGreaterThan(0);
          expect(text).not.toMatch(/null|undefined/);
        }
  });

  it('reads a principal’s name from the inventory first, then the log', () => {
    expect(principalName(priya)).toBe('Priya Natarajan');
    expect(principalName(alice)).toBe('alice.chen');
    expect(principalName({ type: 'NHI', id: 'n9', label: null, name: null })).toBe('n9');
    expect(principalName(nobody)).toBeNull();
  });
});
