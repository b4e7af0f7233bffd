import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../lib/audit/append';
import { ATTRIBUTION_MIX, Usage, auditEventBatches } from '../../lib/demo/events';
import { buildWorld, type World } from '../../lib/demo/world';

const NOW = new Date('2026-11-22T06:00:00Z');
const TOTAL = 20_000;
const DAY_MS = 86_400_000;

function collect(world: World, total: number, usage = new Usage()): AuditEventInput[] {
  return [...auditEventBatches(world, { total, batchSize: 2_000, usage })].flat();
}

describe('demo audit events', () => {
  let world: World;
  let events: AuditEventInput[];
  let usage: Usage;
  beforeAll(() => {
    world = buildWorld(20260401, NOW);
    usage = new Usage();
    events = collect(world, TOTAL, usage);
  });

  it('streams exactly the requested number, oldest first, within the last 90 days', () => {
    expect(events).toHaveLength(TOTAL);
    const times = events.map((event) => event.occurredAt!.getTime());
    expect(times.every((time, index) => index === 0 || times[index - 1] <= time)).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY_MS);
    expect(times[times.length - 1]).toBeLessThan(NOW.getTime());
  });

  it('is the same for the same seed and now', () => {
    const again = collect(buildWorld(20260401, NOW), 3_000);
    expect(again).toEqual(collect(world, 3_000));
  });

  it('mixes attributions as documented', () => {
    for (const [attribution, percent] of ATTRIBUTION_MIX) {
      const share = events.filter((event) => event.attribution === attribution).length / events.length;
      expect(Math.abs(share * 100 - percent)).toBeLessThan(1.5);
    }
  });

  it('names initiators and executors consistently with the attribution', () => {
    const borrowed = new Map(world.credentials.borrowed.map((credential) => [credential.id, credential]));
    for (const event of events) {
      const { initiator, executor, credential } = event;
      switch (event.attribution) {
        case 'HUMAN':
          expect([initiator.type, executor.type, initiator.id]).toEqual(['HUMAN', 'HUMAN', executor.id]);
          break;
        case 'AGENT_DELEGATED':
          expect([initiator.type, executor.type]).toEqual(['HUMAN', 'NHI']);
          expect(credential?.kind).toBe(event.action === 'scope.request' ? 'API_KEY' : 'TASK_TOKEN');
          expect(event.scopeId).toBeTruthy();
          break;
        case 'AGENT_AUTONOMOUS':
          expect(['SYSTEM', 'NHI']).toContain(initiator.type);
          expect([executor.type, credential?.subjectType]).toEqual(['NHI', 'NHI']);
          break;
        case 'AGENT_BORROWED': {
          const used = borrowed.get(credential!.id!)!;
          expect([credential?.subjectType, executor.type, executor.id, initiator.id]).toEqual([
            'HUMAN',
            'NHI',
            used.holderNhiId,
            used.subjectHumanId,
          ]);
          break;
        }
        default:
          expect([initiator.type, executor.type]).toEqual(['UNKNOWN', 'UNKNOWN']);
      }
    }
  });

  it('uses task tokens only while they were live', () => {
    const tokens = new Map(world.scopes.tokenCredentials.map((credential) => [credential.id, credential]));
    const delegated = events.filter((event) => event.credential?.kind === 'TASK_TOKEN');
    expect(delegated.length).toBeGreaterThan(0);
    for (const event of delegated) {
      const token = tokens.get(event.credential!.id!)!;
      const end = token.revokedAt ?? token.expiresAt!;
      expect(event.occurredAt! >= token.issuedAt && event.occurredAt! <= end).toBe(true);
    }
  });

  it('gives every imported event a source id that is unique within its source, and records usage', () => {
    const imported = events.filter((event) => event.source !== 'steward');
    expect(imported.every((event) => event.sourceEventId)).toBe(true);
    expect(new Set(imported.map((event) => `${event.source}|${event.sourceEventId}`)).size).toBe(imported.length);
    expect(usage.credentialLastUsed.size).toBeGreaterThan(100);
    expect(usage.nhiLastSeen.size).toBeGreaterThan(100);
  });
});
