import { at, iso, paced, session, workdays } from './timeline';
import {
  fileOf,
  inventoryNhi,
  personAt,
  ScenarioLog,
  type FormatLogs,
  type JsonRecord,
  type LogContext,
} from './types';

/**
 * Steward's own JSON, as Acme's agent runtime writes it: its registered agents calling tools under their own
 * identity and key, alone or in a session a person started.
 */

const RUNTIME = 'acme-agent-runtime/3.4.1 openai-agents/0.6.1';

type Tool = { action: string; resource: string };

const TOOLS: Tool[] = [
  { action: 'tools/call:search_runbooks', resource: 'internal:wiki/runbooks' },
  { action: 'tools/call:query_metrics', resource: 'internal:prometheus/prod-eu-1' },
  { action: 'tools/call:read_logs', resource: 'internal:loki/prod-eu-1' },
  { action: 'tools/call:post_message', resource: 'slack:#incidents' },
  { action: 'tools/call:create_ticket', resource: 'internal:jira/OPS' },
];

function nativeRecord(
  time: number,
  id: string,
  agent: { name: string; externalId: string },
  key: string,
  tool: Tool,
  startedBy: string | null,
): JsonRecord {
  return {
    source: 'internal',
    sourceEventId: id,
    occurredAt: iso(time),
    action: tool.action,
    resource: tool.resource,
    outcome: 'SUCCESS',
    environment: 'production',
    principal: {
      kind: 'machine',
      externalId: agent.externalId,
      displayName: agent.name,
      sourceType: 'Agent',
      declaredAgent: true,
    },
    credential: { type: 'api_token', id: key },
    client: { userAgent: RUNTIME, ip: '10.20.31.17' },
    interactive: false,
    delegation: startedBy ? { kind: 'agent_session', chain: [startedBy] } : null,
  };
}

/** Look-alikes: agents with an identity of their own, working alone on a schedule and for the person who asked. */
function declaredAgents(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('native:declared-agents');
  const log = new ScenarioLog({
    id: 'native-declared-agents',
    format: 'native',
    kind: 'look-alike',
    summary:
      "Acme's agent runtime: a registered agent working alone around the clock with its own key, and another working in sessions an SRE started",
  });
  const runtimeAgents = world.identities.all.filter(
    (identity) =>
      identity.flavor === 'agent-runtime' &&
      identity.row.status === 'ACTIVE' &&
      identity.activeUntil === null &&
      identity.row.environment === 'production',
  );
  const alone = inventoryNhi(world, (identity) => identity === runtimeAgents[0]);
  const asked = inventoryNhi(world, (identity) => identity === runtimeAgents[1]);
  const aloneKey = `ak_${random.base62(24)}`;
  for (const time of paced(random, window.from, window.to, 0.5))
    log.add(time, nativeRecord(time, random.uuid(), alone, aloneKey, random.pick(TOOLS), null));
  const sre = personAt(world, 'staff-sre');
  const askedKey = `ak_${random.base62(24)}`;
  for (const day of workdays(window).filter(() => random.chance(0.6))) {
    const start = at(random, day, 10, 120);
    for (const time of session(random, start, random.int(10, 40), random.int(6, 15)))
      log.add(time, nativeRecord(time, random.uuid(), asked, askedKey, random.pick(TOOLS), sre.email));
  }
  return log;
}

export function nativeLogs(context: LogContext): FormatLogs {
  const log = declaredAgents(context);
  return { scenarios: [log.scenario], files: [fileOf('native/agent-runtime.ndjson', 'native', 'ndjson', [log])] };
}
