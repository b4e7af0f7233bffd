import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBorrowedCredentials } from '@/lib/detect/borrowed';
import type { BorrowedCase } from '@/lib/detect/borrowed';
import type { NormalizedEvent } from '@/lib/ingest/types';
import {
  consoleLogin,
  entraSignIn,
  entraUser,
  gcpCall,
  gcpPrincipal,
  githubApiRequest,
  githubUser,
  githubWeb,
  HOUR,
  iamUser,
  keyCall,
  MINUTE,
  oktaApiTokenCall,
  oktaSignIn,
  oktaUser,
  T0,
  UA,
} from '@/tests/fixtures/detect/events';
import { inventoryOf, NOW } from '@/tests/fixtures/detect/scenarios';

const IPS = ['198.51.100.23', '192.0.2.77', '203.0.113.40', '54.210.19.8', '2001:db8:1:2::10'];
const PROGRAM_UAS = [UA.boto3, UA.awsCli, UA.gh, UA.git, UA.pyGithubLangchain, UA.pythonRequests, UA.octokit, null];

type Spec = { kind: number; person: number; at: number; ip: number; ua: number; burst: number };

const people = {
  aws: [iamUser('111122223333', 'ada'), iamUser('111122223333', 'ben')],
  github: [githubUser('ada-l', 'ada@acme.example'), githubUser('ben-k')],
  okta: [oktaUser('00u1ada', 'ada@acme.example'), oktaUser('00u1ben', 'ben@acme.example')],
  entra: [entraUser('oid-ada', 'ada@acme.example'), entraUser('oid-ben', 'ben@acme.example')],
  gcp: [gcpPrincipal('ada@acme.example'), gcpPrincipal('etl@p.iam.gserviceaccount.com')],
};

/** One record of any format, a person's browser use or a program's, spread over three days. */
function eventsOf(spec: Spec): NormalizedEvent[] {
  const at = T0 + spec.at * MINUTE;
  const ip = IPS[spec.ip];
  const ua = PROGRAM_UAS[spec.ua];
  const who = spec.person;
  const many = (build: (time: number) => NormalizedEvent) =>
    Array.from({ length: spec.burst }, (_, i) => build(at + i * 20_000));
  switch (spec.kind) {
    case 0:
      return [consoleLogin(people.aws[who], at, ip, spec.ip % 2 === 0)];
    case 1:
      return many((time) => keyCall(people.aws[who], `AKIAPROPERTY0000000${who}`, time, ua ?? UA.boto3, ip));
    case 2:
      return [githubWeb(people.github[who], at, ip)];
    case 3:
      return many((time) => githubApiRequest(people.github[who], { id: `77${who}` }, time, ua ?? UA.gh, ip));
    case 4:
      return [oktaSignIn(people.okta[who], at, ip, `sess-${who}-${spec.ip}`)];
    case 5:
      return many((time) => oktaApiTokenCall(people.okta[who], `00Tprop${who}`, time, ua ?? UA.pythonRequests, ip));
    case 6:
      return many((time) =>
        entraSignIn(people.entra[who], time, {
          interactive: false,
          appId: 'custom-app',
          appName: 'sync',
          userAgent: ua,
          ip,
        }),
      );
    default:
      return many((time) => gcpCall(people.gcp[who], time, ua ?? UA.googleApiPython, ip));
  }
}

const specArbitrary = fc.record({
  kind: fc.integer({ min: 0, max: 7 }),
  person: fc.integer({ min: 0, max: 1 }),
  at: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  ip: fc.integer({ min: 0, max: IPS.length - 1 }),
  ua: fc.integer({ min: 0, max: PROGRAM_UAS.length - 1 }),
  burst: fc.integer({ min: 1, max: 40 }),
});

const eventsArbitrary = fc
  .array(specArbitrary, { minLength: 1, maxLength: 40 })
  .map((specs) => specs.flatMap(eventsOf));

const detect = (events: NormalizedEvent[]) => detectBorrowedCredentials(events, inventoryOf({}), { now: NOW });

/** A case with evidence named by event id rather than input position, which shuffling changes. */
function comparable(found: BorrowedCase) {
  return { ...found, evidence: found.evidence.map(({ index: _index, ...rest }) => rest) };
}

describe('borrowed-credential detection: laws', () => {
  it('a case always has evidence: automation events that exist in the input, and a reason', () => {
    fc.assert(
      fc.property(eventsArbitrary, (events) => {
        for (const found of detect(events)) {
          expect(found.eventCount).toBeGreaterThan(0);
          expect(found.reasons.some((reason) => reason.weight > 0)).toBe(true);
          const automation = found.evidence.filter((item) => item.role === 'automation');
          expect(automation.length).toBeGreaterThan(0);
          for (const item of found.evidence) expect(events[item.index].sourceEventId).toBe(item.sourceEventId);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('shuffling the events does not change the cases', () => {
    fc.assert(
      fc.property(
        eventsArbitrary,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }),
        (events, keys) => {
          const shuffled = events
            .map((event, i) => ({ event, key: keys[i % keys.length] + i * 1e-9 }))
            .sort((a, b) => a.key - b.key)
            .map(({ event }) => event);
          expect(detect(shuffled).map(comparable)).toEqual(detect(events).map(comparable));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a person's browser events never create a flag by themselves", () => {
    const browsing = fc
      .array(
        fc.record({
          kind: fc.constantFrom(0, 2, 4),
          person: fc.integer({ min: 0, max: 1 }),
          at: fc.integer({ min: 0, max: 3 * 24 * 60 }),
          ip: fc.integer({ min: 0, max: IPS.length - 1 }),
          ua: fc.constant(0),
          burst: fc.constant(1),
        }),
        { maxLength: 60 },
      )
      .map((specs) => specs.flatMap(eventsOf));
    fc.assert(
      fc.property(eventsArbitrary, browsing, (events, browserEvents) => {
        expect(detect(browserEvents)).toEqual([]);
        const before = new Map(detect(events).map((found) => [found.id, found]));
        for (const found of detect([...events, ...browserEvents]).filter((candidate) => candidate.flagged)) {
          const earlier = before.get(found.id);
          expect(earlier, 'a flag after adding browser events is about automation seen before').toBeDefined();
          expect(found.eventCount).toBe(earlier!.eventCount);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a person in a browser around the clock is never a case', () => {
    const events = Array.from({ length: 3 * 48 }, (_, i) =>
      githubWeb(githubUser('night-owl'), T0 + i * 30 * MINUTE, IPS[i % 3]),
    );
    expect(detect(events)).toEqual([]);
    expect(detect([...events, consoleLogin(iamUser('1', 'night-owl'), T0 + 3 * HOUR, IPS[0], true)])).toEqual([]);
  });
});
