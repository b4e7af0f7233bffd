import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEvent,
  chainHash,
  CURRENT_HASH_VERSION,
  GENESIS_HASH,
  verifyEvents,
  type ChainedEvent,
  type UnhashedEvent,
} from '../../lib/audit/chain';
import { buildChain, headOf } from '../support/chain-fixtures';

const EDITABLE_FIELDS = [
  'occurredAt',
  'action',
  'resource',
  'outcome',
  'initiatorId',
  'executorLabel',
  'attribution',
  'details',
  'prevHash',
  'hash',
] as const;

function edit(event: ChainedEvent, field: (typeof EDITABLE_FIELDS)[number]): ChainedEvent {
  switch (field) {
    case 'occurredAt':
      return { ...event, occurredAt: new Date(event.occurredAt.getTime() + 1) };
    case 'outcome':
      return { ...event, outcome: event.outcome === 'SUCCESS' ? 'DENIED' : 'SUCCESS' };
    case 'attribution':
      return { ...event, attribution: event.attribution === 'HUMAN' ? 'AGENT_BORROWED' : 'HUMAN' };
    case 'prevHash':
    case 'hash':
      return { ...event, [field]: event[field].replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
    default:
      return { ...event, [field]: `${event[field] ?? ''}x` };
  }
}

describe('the audit hash chain', () => {
  it('hashes the previous hash followed by the canonical JSON of the event', () => {
    const [first] = buildChain(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(canonicalEvent(first)).toMatch(/^\{"action":"auth.sign_in","attribution":"HUMAN",/);
    expect(chainHash(GENESIS_HASH, first)).toBe(first.hash);
  });

  it('verifies an untouched chain of any length, and an empty one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer(), (length, salt) => {
        const events = buildChain(length, salt);
        expect(verifyEvents(events, headOf(events))).toEqual({ ok: true, checked: length });
      }),
    );
  });

  it('fails at the edited row when any field of any single row is edited', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        fc.constantFrom(...EDITABLE_FIELDS),
        (length, pick, field) => {
          const events = buildChain(length);
          const head = headOf(events);
          const index = pick % length;
          events[index] = edit(events[index], field);
          expect(verifyEvents(events, head)).toMatchObject({ ok: false, firstBrokenSeq: index + 1, checked: index });
        },
      ),
    );
  });

  it('fails at the deleted row when any single row is deleted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (length, pick) => {
        const events = buildChain(length);
        const head = headOf(events);
        const index = pick % length;
        events.splice(index, 1);
        expect(verifyEvents(events, head)).toMatchObject({ ok: false, firstBrokenSeq: index + 1 });
      }),
    );
  });

  it('fails at the inserted row when a forged row is inserted anywhere, renumbered or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.boolean(), (length, pick, renumber) => {
        const events = buildChain(length);
        const head = headOf(events);
        const index = pick % (length + 1);
        const forged = { ...buildChain(1, 99)[0], seq: index + 1, hash: 'f'.repeat(64) };
        const after = events.slice(index).map((event) => (renumber ? { ...event, seq: event.seq + 1 } : event));
        const tampered = [...events.slice(0, index), forged, ...after];
        expect(verifyEvents(tampered, head)).toMatchObject({ ok: false, firstBrokenSeq: index + 1 });
      }),
    );
  });

  it('fails right after a correctly linked inserted row, or at it when it is appended past the head', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (length, pick) => {
        const events = buildChain(length);
        const head = headOf(events);
        const index = pick % (length + 1);
        const previous = index === 0 ? GENESIS_HASH : events[index - 1].hash;
        const unhashed = { ...buildChain(1, 99)[0], seq: index + 1 };
        const linked = { ...unhashed, prevHash: previous, hash: chainHash(previous, unhashed) };
        const renumbered = events.slice(index).map((event) => ({ ...event, seq: event.seq + 1 }));
        const tampered = [...events.slice(0, index), linked, ...renumbered];
        const expected = index === length ? index + 1 : index + 2;
        expect(verifyEvents(tampered, head)).toMatchObject({ ok: false, firstBrokenSeq: expected });
      }),
    );
  });

  it('fails at the first swapped row when any two rows trade places', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), fc.nat(), (length, a, b) => {
        const events = buildChain(length);
        const head = headOf(events);
        const i = a % length;
        const j = b % length;
        fc.pre(i !== j);
        [events[i], events[j]] = [events[j], events[i]];
        expect(verifyEvents(events, head)).toMatchObject({ ok: false, firstBrokenSeq: Math.min(i, j) + 1 });
      }),
    );
  });

  it('fails where the chain and its head disagree: rows cut from the end, or appended past it', () => {
    const events = buildChain(10);
    expect(verifyEvents(events.slice(0, 7), headOf(events))).toMatchObject({ ok: false, firstBrokenSeq: 8 });
    expect(verifyEvents([...events, ...buildChain(11).slice(10)], headOf(events))).toMatchObject({
      ok: false,
      firstBrokenSeq: 11,
    });
  });
});

/** Version 1 as it was first written: canonicalize() of the document, hashed in two updates. */
function legacyV1Hash(prevHash: string, event: UnhashedEvent): string {
  const { hashVersion: _version, ...fields } = event;
  const document = {
    ...fields,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
  };
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalize(document) as string)
    .digest('hex');
}

const awkwardText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\u0000', '\u2028', '\ud800', 'é', '😀', '</script>'),
);

const anyEvent: fc.Arbitrary<UnhashedEvent> = fc.record({
  seq: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  occurredAt: fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
  recordedAt: fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
  source: awkwardText,
  sourceEventId: fc.option(awkwardText),
  action: awkwardText,
  resource: fc.option(awkwardText),
  outcome: fc.constantFrom('SUCCESS', 'FAILURE', 'DENIED'),
  initiatorType: fc.constantFrom('HUMAN', 'NHI', 'SYSTEM'),
  initiatorId: fc.option(awkwardText),
  initiatorLabel: fc.option(awkwardText),
  executorType: fc.constantFrom('HUMAN', 'NHI', 'SYSTEM'),
  executorId: fc.option(awkwardText),
  executorLabel: fc.option(awkwardText),
  credentialId: fc.option(awkwardText),
  credentialKind: fc.option(fc.constantFrom('PASSWORD', 'TASK_TOKEN')),
  credentialSubjectType: fc.option(fc.constantFrom('HUMAN', 'NHI')),
  attribution: fc.constantFrom('HUMAN', 'AGENT_DELEGATED', 'AGENT_BORROWED', 'UNKNOWN'),
  scopeId: fc.option(awkwardText),
  environment: fc.option(awkwardText),
  details: fc.json(),
  hashVersion: fc.constant(1),
});

describe('the version of the hashed form', () => {
  it('appends in the current version, 1', () => {
    expect(CURRENT_HASH_VERSION).toBe(1);
  });

  it('hashes version 1 exactly as chains were hashed before versions existed, for any content', () => {
    fc.assert(
      fc.property(anyEvent, fc.constantFrom(GENESIS_HASH, 'ab'.repeat(32)), (event, prevHash) => {
        const { hashVersion: _version, ...fields } = event;
        const document = {
          ...fields,
          occurredAt: event.occurredAt.toISOString(),
          recordedAt: event.recordedAt.toISOString(),
        };
        expect(canonicalEvent(event)).toBe(canonicalize(document));
        expect(chainHash(prevHash, event)).toBe(legacyV1Hash(prevHash, event));
      }),
      { numRuns: 500 },
    );
  });

  it('verifies a chain of version 1 events', () => {
    const events = buildChain(12);
    expect(events.every((event) => event.hashVersion === 1)).toBe(true);
    expect(verifyEvents(events, headOf(events))).toEqual({ ok: true, checked: 12 });
  });

  it('breaks at an event whose version it does not know, even with hashes that match', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.integer({ min: 2, max: 1_000 }),
        (length, pick, version) => {
          const events = buildChain(length);
          const index = pick % length;
          events[index] = { ...events[index], hashVersion: version };
          expect(verifyEvents(events, headOf(events))).toMatchObject({
            ok: false,
            checked: index,
            firstBrokenSeq: index + 1,
          });
        },
      ),
    );
    const [event] = buildChain(1);
    expect(() => chainHash(GENESIS_HASH, { ...event, hashVersion: 0 })).toThrow(/Unknown audit hash version 0/);
  });
});
