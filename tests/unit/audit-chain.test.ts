import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, GENESIS_HASH, verifyEvents, type ChainedEvent } from '../../lib/audit/chain';
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
