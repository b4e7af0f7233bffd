import { describe, expect, it } from 'vitest';
import {
  type Attribution,
  attributeEvent,
  attributionContext,
  borrowedMarks,
  readAttribution,
} from '@/lib/detect/attribution';
import { detectBorrowedCredentials } from '@/lib/detect/borrowed';
import { NORMALIZERS } from '@/lib/ingest/parse';
import type { NormalizedEvent } from '@/lib/ingest/types';
import {
  consoleLogin,
  gcpCall,
  gcpPrincipal,
  githubApiRequest,
  githubUser,
  HOUR,
  iamUser,
  keyCall,
  oktaApiTokenCall,
  oktaUser,
  T0,
  UA,
} from '@/tests/fixtures/detect/events';
import { UA as RAW_UA } from '@/tests/fixtures/detect/raw-records';
import { rawScenarios } from '@/tests/fixtures/detect/raw-scenarios';
import { inventoryOf, labelledScenarios, NOW, type Scenario } from '@/tests/fixtures/detect/scenarios';

const scenarios = labelledScenarios();
const named = (fragment: string): Scenario => scenarios.find((scenario) => scenario.name.includes(fragment))!;

function attributionsOf(scenario: Scenario): Set<Attribution> {
  const context = attributionContext(inventoryOf(scenario));
  return new Set(scenario.events.map((event) => attributeEvent(event, context)));
}

describe('attribution of one imported event', () => {
  const plain = attributionContext(inventoryOf({}));

  it('a person at a browser or console is HUMAN', () => {
    const bob = iamUser('111122223333', 'bob');
    expect(attributeEvent(consoleLogin(bob, T0, '198.51.100.1', true), plain)).toBe('HUMAN');
  });

  it("a person's own command-line tool is HUMAN; an SDK on their key waits for detection as UNKNOWN", () => {
    const bob = iamUser('111122223333', 'bob');
    expect(attributeEvent(keyCall(bob, 'AKIAEXAMPLE0000BOB01', T0, UA.awsCli, '198.51.100.1'), plain)).toBe('HUMAN');
    expect(attributeEvent(keyCall(bob, 'AKIAEXAMPLE0000BOB01', T0, UA.boto3, '198.51.100.1'), plain)).toBe('UNKNOWN');
  });

  it("an agent framework on a person's token is AGENT_BORROWED at once", () => {
    const event = githubApiRequest(githubUser('alice'), { id: '1' }, T0, UA.pyGithubLangchain, '203.0.113.1');
    expect(attributeEvent(event, plain)).toBe('AGENT_BORROWED');
  });

  it('a credential declared borrowed in the inventory is AGENT_BORROWED', () => {
    expect(attributionsOf(named('inventory records as held'))).toEqual(new Set(['AGENT_BORROWED']));
  });

  it.each([
    ['service principal', 'AGENT_AUTONOMOUS', 'service principal signs in'],
    ['managed identity', 'AGENT_AUTONOMOUS', 'managed identity'],
    ['GitHub App', 'AGENT_AUTONOMOUS', 'GitHub App with its own'],
    ['instance role and AWS service', 'AGENT_AUTONOMOUS', 'EC2 instance role'],
    ['workload identity federation', 'AGENT_AUTONOMOUS', 'workload identity federation'],
    ['Entra agent identity', 'AGENT_AUTONOMOUS', 'agent identity signs in'],
    ['Copilot agent session', 'AGENT_DELEGATED', 'Copilot coding agent'],
    ['NHI task token', 'AGENT_DELEGATED', 'own task token'],
    ['person impersonating a service account with gcloud', 'HUMAN', 'impersonates a service account'],
  ])('%s is attributed %s', (_label, expected, fragment) => {
    expect(attributionsOf(named(fragment))).toEqual(new Set([expected]));
  });

  it('a program impersonating a service account for a person is AGENT_DELEGATED', () => {
    const event = gcpCall(gcpPrincipal('deployer@p.iam.gserviceaccount.com'), T0, UA.googleApiPython, '34.1.1.1', {
      delegation: { kind: 'impersonation', chain: ['raj@acme.example'] },
    });
    expect(attributeEvent(event, plain)).toBe('AGENT_DELEGATED');
  });
});

describe('events a later case covers read as borrowed', () => {
  const scenario = named('boto3 at machine rate');
  const cases = detectBorrowedCredentials(scenario.events, inventoryOf(scenario), { now: NOW });
  const marks = borrowedMarks(cases);
  const context = attributionContext(inventoryOf(scenario), marks);
  const stored = scenario.events.map((event) => attributeEvent(event, attributionContext(inventoryOf(scenario))));

  it("marks the key's SDK events and leaves the person's console use HUMAN, without changing the events", () => {
    const before = structuredClone(scenario.events);
    const read = scenario.events.map((event, i) => readAttribution(event, stored[i], context));
    scenario.events.forEach((event, i) => {
      const expected = event.credential?.id === 'AKIAIOSFODNN7BOB00001' ? 'AGENT_BORROWED' : 'HUMAN';
      expect(read[i]).toBe(expected);
    });
    expect(scenario.events).toEqual(before);
  });

  it("covers only the case's time range and clients", () => {
    const bob = scenario.events.find((event) => event.credential?.id === 'AKIAIOSFODNN7BOB00001')!.principal;
    const later = keyCall(
      bob,
      'AKIAIOSFODNN7BOB00001',
      cases[0].lastSeen.getTime() + 48 * HOUR,
      UA.boto3,
      '54.210.19.8',
    );
    const cli = keyCall(bob, 'AKIAIOSFODNN7BOB00001', cases[0].firstSeen.getTime() + HOUR, UA.awsCli, '54.210.19.8');
    expect(readAttribution(later, 'UNKNOWN', context)).toBe('UNKNOWN');
    expect(readAttribution(cli, 'HUMAN', context)).toBe('HUMAN');
  });

  it('informational and suppressed cases mark nothing', () => {
    const brief = named('short boto3 script');
    const briefCases = detectBorrowedCredentials(brief.events, inventoryOf(brief), { now: NOW });
    expect(briefCases.length).toBeGreaterThan(0);
    expect(borrowedMarks(briefCases)).toEqual([]);
    const suppressed = detectBorrowedCredentials(
      scenario.events,
      {
        ...inventoryOf(scenario),
        suppressions: [
          {
            id: 's',
            reason: 'migration booked',
            expiresAt: new Date(NOW.getTime() + HOUR),
            match: { credential: 'AKIA*BOB*' },
          },
        ],
      },
      { now: NOW },
    );
    expect(borrowedMarks(suppressed)).toEqual([]);
  });

  it('an event of someone else is never covered', () => {
    const other: NormalizedEvent = keyCall(
      iamUser('111122223333', 'eve'),
      'AKIAIOSFODNN7EVE00001',
      cases[0].firstSeen.getTime() + HOUR,
      UA.boto3,
      '54.210.19.8',
    );
    expect(readAttribution(other, 'UNKNOWN', context)).toBe('UNKNOWN');
  });
});

describe("a person's API token acting as its creator", () => {
  it("stays the person's even when the log calls the actor a machine", () => {
    const context = attributionContext(inventoryOf({}));
    const base = oktaApiTokenCall(
      oktaUser('00u1x', 'xia@acme.example'),
      '00Txia',
      T0,
      UA.pythonRequests,
      '203.0.113.9',
    );
    const asMachine: NormalizedEvent = { ...base, principal: { ...base.principal, kind: 'machine' } };
    expect(attributeEvent(asMachine, context)).toBe('UNKNOWN');
    const noDelegation: NormalizedEvent = { ...asMachine, delegation: null };
    expect(attributeEvent(noDelegation, context)).toBe('AGENT_AUTONOMOUS');
  });
});

describe("a person's role sessions, read through the CloudTrail parser", () => {
  const scenario = rawScenarios().find((found) => found.name.includes("carrying a person's sourceIdentity"))!;
  const events = scenario.records.map((record) => NORMALIZERS.cloudtrail(record));
  const noInventory = { people: [], nhis: [], credentials: [], suppressions: [] };
  const cases = detectBorrowedCredentials(events, noInventory, { now: NOW });

  it('makes one case for every session the source identity opened, whatever their names and keys', () => {
    expect(cases.filter((found) => found.flagged)).toHaveLength(1);
    expect(new Set(events.map((event) => event.credential?.id)).size).toBeGreaterThan(40);
  });

  it("reads every session's SDK events as borrowed and the person's console use as theirs", () => {
    const context = attributionContext(noInventory, borrowedMarks(cases));
    const plainContext = attributionContext(noInventory);
    const read = events.map((event) => readAttribution(event, attributeEvent(event, plainContext), context));
    events.forEach((event, i) => {
      const expected = event.client.userAgent === RAW_UA.chrome ? 'HUMAN' : 'AGENT_BORROWED';
      expect(read[i]).toBe(expected);
    });
  });
});
