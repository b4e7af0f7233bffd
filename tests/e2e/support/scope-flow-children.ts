import { join } from 'node:path';
import { runToCompletion } from './processes';

/**
 * The task-scope flow's steps that run outside HTTP, each a short node child on the app's database: seeding,
 * the sponsor's approval and reading back the chain. No lib/ imports here: the spec runs outside Next.
 */

export const SEEDED_MARKER = 'SCOPE_FLOW_SEEDED';
export const APPROVED_MARKER = 'SCOPE_FLOW_APPROVED';
export const EVENTS_MARKER = 'SCOPE_FLOW_EVENTS';

export type SeededFlow = {
  sponsorEmail: string;
  initiatorEmail: string;
  initiatorId: string;
  nhiId: string;
  agentKey: string;
  auditKey: string;
};

export type Approval = { status: string; stage: string; expiresAt: string | null };

export type RecordedEvent = {
  seq: number;
  action: string;
  outcome: string;
  attribution: string;
  initiatorId: string | null;
  executorId: string | null;
  credentialKind: string | null;
  details: Record<string, unknown>;
};

const CHILD_TIMEOUT_MS = 90_000;

/** Where a child runs and on which database. */
export type ChildTarget = { root: string; databaseUrl: string };

async function runStep<T>(target: ChildTarget, script: string, args: string[], marker: string): Promise<T> {
  const output = await runToCompletion(
    ['--conditions=react-server', '--import', 'tsx', join(target.root, 'tests/e2e/support', script), ...args],
    {
      cwd: target.root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: target.databaseUrl },
      timeoutMs: CHILD_TIMEOUT_MS,
    },
  );
  const line = output.split('\n').find((candidate) => candidate.startsWith(`${marker} `));
  if (!line) throw new Error(`${script} printed no ${marker} line:\n${output}`);
  return JSON.parse(line.slice(marker.length + 1)) as T;
}

/** A sponsor, an initiator, an AI agent with its agent key and an audit key; `fresh` migrates first. */
export function seedFlow(target: ChildTarget, options: { fresh: boolean }): Promise<SeededFlow> {
  return runStep(target, 'scope-flow-seed.ts', options.fresh ? ['--fresh'] : [], SEEDED_MARKER);
}

export function approveAsSponsor(
  target: ChildTarget,
  scopeId: string,
  sponsorEmail: string,
  ttlSeconds: number,
): Promise<Approval> {
  return runStep(target, 'scope-flow-approve.ts', [scopeId, sponsorEmail, String(ttlSeconds)], APPROVED_MARKER);
}

export function recordedEvents(target: ChildTarget, scopeId: string): Promise<RecordedEvent[]> {
  return runStep(target, 'scope-flow-events.ts', [scopeId], EVENTS_MARKER);
}
