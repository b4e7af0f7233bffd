import { chainHash, GENESIS_HASH, type ChainedEvent, type UnhashedEvent } from '../../lib/audit/chain';

/** A small, valid chain of `length` events whose content varies with `salt`. */
export function buildChain(length: number, salt = 0): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const unhashed: UnhashedEvent = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + seq * 60_000 + salt),
      recordedAt: new Date(Date.UTC(2026, 0, 1) + seq * 60_000 + salt + 5),
      source: seq % 3 === 0 ? 'cloudtrail' : 'steward',
      sourceEventId: seq % 3 === 0 ? `evt-${salt}-${seq}` : null,
      action: seq % 2 === 0 ? 'person.role_change' : 'auth.sign_in',
      resource: `human:${seq % 5}`,
      outcome: seq % 7 === 0 ? 'FAILURE' : 'SUCCESS',
      initiatorType: 'HUMAN',
      initiatorId: `h${seq % 4}`,
      initiatorLabel: `person${seq % 4}@acme.example`,
      executorType: seq % 2 === 0 ? 'NHI' : 'HUMAN',
      executorId: `x${seq % 6}`,
      executorLabel: `agent-${seq % 6}`,
      credentialId: null,
      credentialKind: null,
      credentialSubjectType: null,
      attribution: seq % 2 === 0 ? 'AGENT_DELEGATED' : 'HUMAN',
      scopeId: null,
      environment: seq % 4 === 0 ? 'production' : null,
      details: JSON.stringify({ n: seq, salt }),
      hashVersion: 1,
    };
    const hash = chainHash(prevHash, unhashed);
    events.push({ ...unhashed, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

export function headOf(events: ChainedEvent[]) {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}
