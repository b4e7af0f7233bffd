import { createHash } from 'node:crypto';
import type { NormalizedEvent } from '../../ingest/types';
import { clientClassifier, isAutomationClass } from './clients';
import { byTime, collect, type CredentialGroup, type EventView, makeEventView, type PersonBaseline } from './collect';
import { indexInventory } from './identity';
import {
  aroundTheClock,
  browserAndAutomationTogether,
  clientSignals,
  type GroupContext,
  keyUsedWhileMfaSignIn,
  machineRate,
  newNetwork,
  regularCadence,
  serverEnvironment,
  sessionReplayed,
  type Signal,
  sustainedUse,
  WEIGHTS,
} from './signals';
import { suppressionFor } from './suppression';
import type {
  BorrowedCase,
  CaseAgent,
  Confidence,
  DetectionInventory,
  DetectionOptions,
  EvidenceEvent,
  Reason,
  ReasonCode,
} from './types';

/** Score at or above which a case is high, medium or low; below low there is no case. */
export const CONFIDENCE_SCORES = { high: 4, medium: 3, low: 1 } as const;
const DEFAULT_EVIDENCE_PER_KIND = 5;

/**
 * Finds people's credentials used by automation. One pass builds each person's interactive baseline and each
 * credential's programmatic uses; each credential is then weighed on its own. The result does not depend on the
 * order of the events.
 */
export function detectBorrowedCredentials(
  events: readonly NormalizedEvent[],
  inventory: DetectionInventory,
  options: DetectionOptions,
): BorrowedCase[] {
  const view = makeEventView(events, clientClassifier(options.clientRules));
  const { baselines, groups } = collect(view, indexInventory(inventory));
  const order = byTime(view);
  const sortedInteractive = new Map<PersonBaseline, number[]>();
  const cases: BorrowedCase[] = [];
  for (const group of groups.values()) {
    const baseline = baselines.get(group.personKey)!;
    if (group.needsConfirmation && baseline.interactive.length === 0 && !group.declared) continue;
    let interactive = sortedInteractive.get(baseline);
    if (!interactive) sortedInteractive.set(baseline, (interactive = [...baseline.interactive].sort(order)));
    const ordered = [...group.indexes].sort(order);
    const context: GroupContext = {
      group,
      baseline,
      ordered,
      times: ordered.map((i) => view.times[i]),
      interactive,
      view,
      credentialLabel: credentialLabel(view.events[ordered[0]]),
    };
    const found = weigh(context, inventory, options);
    if (found) cases.push(found);
  }
  return cases.sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function credentialLabel(event: NormalizedEvent): string {
  const labels: Record<string, string> = {
    long_lived_access_key: 'access key',
    api_token: 'API token',
    personal_access_token: 'personal access token',
    oauth_token: 'OAuth token',
  };
  return labels[event.credential?.type ?? ''] ?? 'credential';
}

function declaredSignal(context: GroupContext): Signal | null {
  const declared = context.group.declared;
  if (!declared) return null;
  return {
    code: 'DECLARED_IN_INVENTORY',
    message:
      "The inventory records this person's credential as held by an agent or service: a declared borrowed credential, seen in use here.",
    weight: WEIGHTS.DECLARED_IN_INVENTORY,
    telling: context.ordered.slice(0, 3),
  };
}

function allSignals(context: GroupContext): Signal[] {
  const detectors = [
    declaredSignal,
    machineRate,
    aroundTheClock,
    regularCadence,
    sustainedUse,
    newNetwork,
    serverEnvironment,
    browserAndAutomationTogether,
    sessionReplayed,
    keyUsedWhileMfaSignIn,
  ];
  const found = [...clientSignals(context)];
  for (const detect of detectors) {
    const result = detect(context);
    if (result) found.push(result);
  }
  return found;
}

/** Caps that keep what a person plausibly does from becoming a flag on its own. */
type Ceiling = { ceiling: Confidence; why: Reason | null };

const BEHAVIOUR = ['MACHINE_RATE', 'AROUND_THE_CLOCK', 'REGULAR_CADENCE', 'SUSTAINED_USE'] as const;
const ELSEWHERE = ['NEW_NETWORK', 'SERVER_ENVIRONMENT', 'BROWSER_AND_AUTOMATION_TOGETHER', 'SESSION_REPLAYED'] as const;
const PERSONAL_KEY_TYPES = new Set(['long_lived_access_key', 'api_token', 'personal_access_token']);
/** Tools that run in the background on a person's own device (an editor's git fetch). */
const BACKGROUND_TOOLS = new Set(['git', 'github-desktop', 'unknown']);

const BRIEF: Reason = {
  code: 'BRIEF_USE',
  message: 'A brief use only: a person trying a script or a command looks the same, so this stays informational.',
  weight: 0,
};
const PERSON_TOOLS: Reason = {
  code: 'PERSON_TOOLS_ONLY',
  message:
    "Only a person's own tools (a command-line tool, git, an everyday app) were seen, and nothing they could not do themselves: informational.",
  weight: 0,
};

/**
 * Caps that keep what a person plausibly does from becoming a flag on its own: a brief use, or a person's own tools
 * without a rate no person keeps, or without activity around the clock from somewhere else.
 */
function ceilingOf(signals: Signal[], context: GroupContext): Ceiling {
  const found = (code: Signal['code']) => signals.find((candidate) => candidate.code === code);
  if (found('DECLARED_IN_INVENTORY') || found('AGENT_CLIENT')) return { ceiling: 'high', why: null };
  const sdk = Boolean(found('SDK_CLIENT'));
  const elsewhere = ELSEWHERE.some((code) => found(code));
  if (!BEHAVIOUR.some((code) => found(code))) {
    // A brief use counts only when the code plainly ran somewhere the person was not: beside their own use from
    // another network at the same time, or inside a managed runtime. A short run from a network the person never
    // used is still what their own script from home or a hotel looks like.
    const ranElsewhere =
      Boolean(found('BROWSER_AND_AUTOMATION_TOGETHER')) || Boolean(found('SERVER_ENVIRONMENT')?.strong);
    return sdk && ranElsewhere ? { ceiling: 'medium', why: null } : { ceiling: 'low', why: BRIEF };
  }
  if (sdk) return { ceiling: 'high', why: null };
  const rate = found('MACHINE_RATE');
  if (rate && (rate.strong || found('NON_INTERACTIVE_APP'))) return { ceiling: 'high', why: null };
  if (found('AROUND_THE_CLOCK') && (elsewhere || personalKeyOutsideBackgroundTools(context)))
    return { ceiling: 'medium', why: null };
  // A person's own key started on a schedule by something other than their editor: a cron job, not the person.
  if (found('REGULAR_CADENCE') && personalKeyOutsideBackgroundTools(context)) return { ceiling: 'medium', why: null };
  if (found('NEW_NETWORK')?.strong && isPersonalKey(context)) return { ceiling: 'medium', why: null };
  return { ceiling: 'low', why: PERSON_TOOLS };
}

/** A person's key or API token used around the clock by something other than their editor's background git. */
function personalKeyOutsideBackgroundTools(context: GroupContext): boolean {
  const { view, ordered } = context;
  if (!isPersonalKey(context)) return false;
  if (view.events[ordered[0]].credential?.type === 'api_token') return true;
  return ordered.every((i) => !BACKGROUND_TOOLS.has(view.clientOf(i).family));
}

/** A key or token the person keeps and that names itself: an access key, an API token, a personal access token. */
function isPersonalKey(context: GroupContext): boolean {
  return PERSONAL_KEY_TYPES.has(context.view.events[context.ordered[0]].credential?.type ?? '');
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

function confidenceOf(score: number, ceiling: Confidence): Confidence | null {
  if (score < CONFIDENCE_SCORES.low) return null;
  const raw: Confidence =
    score >= CONFIDENCE_SCORES.high ? 'high' : score >= CONFIDENCE_SCORES.medium ? 'medium' : 'low';
  return RANK[raw] <= RANK[ceiling] ? raw : ceiling;
}

function weigh(context: GroupContext, inventory: DetectionInventory, options: DetectionOptions): BorrowedCase | null {
  const signals = allSignals(context);
  if (signals.every((found) => found.code === 'SUSTAINED_USE' && found.weight === WEIGHTS.SUSTAINED_USE)) return null;
  const score = signals.reduce((sum, found) => sum + found.weight, 0);
  const { ceiling, why } = ceilingOf(signals, context);
  const confidence = confidenceOf(score, ceiling);
  if (!confidence) return null;
  const reasons: Reason[] = signals.map(({ code, message, weight }) => ({ code, message, weight }));
  if (why && confidence === 'low') reasons.push(why);
  const draft = assemble(context, signals, reasons, confidence, score, options);
  const suppression = suppressionFor(draft, inventory.suppressions, options.now);
  return { ...draft, suppression, flagged: confidence !== 'low' && suppression === null };
}

function caseId(key: string): string {
  return `bc_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

function assemble(
  context: GroupContext,
  signals: Signal[],
  reasons: Reason[],
  confidence: Confidence,
  score: number,
  options: DetectionOptions,
): BorrowedCase {
  const { view, ordered, group, baseline } = context;
  const first = view.events[ordered[0]];
  const id = caseId(group.key);
  const firstSeen = new Date(view.times[ordered[0]]);
  const lastSeen = new Date(view.times[ordered[ordered.length - 1]]);
  const agents = agentsOf(context);
  return {
    id,
    confidence,
    flagged: false,
    suppression: null,
    score,
    reasons,
    human: humanOf(baseline),
    credential: credentialOf(first, group),
    agents,
    sources: [...new Set(ordered.map((i) => view.events[i].source))].sort(),
    firstSeen,
    lastSeen,
    eventCount: ordered.length,
    interactiveEventCount: context.interactive.length,
    evidence: evidenceOf(context, signals, options.evidencePerKind ?? DEFAULT_EVIDENCE_PER_KIND),
    coverage: {
      caseId: id,
      credentialKey: group.key,
      from: firstSeen,
      to: lastSeen,
      clientFamilies: [...new Set(ordered.map((i) => view.clientOf(i).family))].sort(),
    },
  };
}

function humanOf(baseline: PersonBaseline): BorrowedCase['human'] {
  const email = baseline.person?.email ?? [...baseline.emails].sort()[0] ?? null;
  const externalIds = [...baseline.externalIds].sort();
  const label = baseline.person?.name ?? email ?? [...baseline.labels].sort()[0] ?? externalIds[0];
  return { personId: baseline.person?.id ?? null, label, email, externalIds: externalIds.slice(0, 10) };
}

function credentialOf(event: NormalizedEvent, group: CredentialGroup): BorrowedCase['credential'] {
  const credential = event.credential;
  const externalId =
    credential?.id ??
    credential?.hashedToken ??
    credential?.appName ??
    credential?.appId ??
    `${event.principal.externalId} (no credential id in the log)`;
  return {
    key: group.key,
    kind: credential?.type ?? 'unknown',
    externalId,
    fingerprint: credential?.hashedToken ?? null,
    inventoryId: group.declared?.id ?? null,
  };
}

const MAX_AGENTS = 10;

function agentsOf(context: GroupContext): CaseAgent[] {
  const { view, ordered } = context;
  const byAgent = new Map<string, CaseAgent>();
  for (const index of ordered) {
    const event = view.events[index];
    const client = view.clientOf(index);
    const userAgent = event.client.userAgent;
    const key = `${client.family}|${userAgent ?? ''}|${event.credential?.appId ?? ''}`;
    if (byAgent.has(key) || byAgent.size >= MAX_AGENTS) continue;
    const app = event.credential?.appName ?? event.credential?.appId;
    byAgent.set(key, {
      label: app && !isAutomationClass(client.clientClass) ? app : client.family,
      family: client.family,
      clientClass: client.clientClass,
      userAgent,
    });
  }
  return [...byAgent.values()].sort((a, b) => (a.label + (a.userAgent ?? '') < b.label + (b.userAgent ?? '') ? -1 : 1));
}

/** What an evidence event shows, in the words a person reads beside it. */
const EVIDENCE_NOTES: Record<ReasonCode, string> = {
  DECLARED_IN_INVENTORY: 'the inventory says an agent holds this credential',
  AGENT_CLIENT: 'an AI agent or agent framework',
  SDK_CLIENT: 'code calling through a programming library',
  NON_INTERACTIVE_APP: "another application using the person's token",
  MACHINE_RATE: 'part of a burst faster than a person works',
  AROUND_THE_CLOCK: 'at an hour the person does not work',
  REGULAR_CADENCE: 'on a regular schedule',
  SUSTAINED_USE: 'hours of unbroken activity',
  NEW_NETWORK: 'from a network the person never used',
  SERVER_ENVIRONMENT: 'from a cloud server or managed runtime',
  BROWSER_AND_AUTOMATION_TOGETHER: 'while the person was at a browser elsewhere',
  SESSION_REPLAYED: "the person's session used by another client",
  KEY_USED_WHILE_MFA_SIGN_IN: 'while the person was signed in with MFA elsewhere',
  BRIEF_USE: 'a brief use',
  PERSON_TOOLS_ONLY: "the person's own tools",
};

/** Bounded evidence: the first and last uses, the events behind each signal, and the person's own use beside them. */
function evidenceOf(context: GroupContext, signals: Signal[], perKind: number): EvidenceEvent[] {
  const { view, ordered } = context;
  const kept = new Map<number, EvidenceEvent>();
  const keep = (index: number, role: EvidenceEvent['role'], note: string) => {
    if (!kept.has(index)) kept.set(index, evidenceEvent(view, index, role, note));
  };
  ordered.slice(0, perKind).forEach((index) => keep(index, 'automation', 'first use'));
  for (const found of signals)
    found.telling.slice(0, perKind).forEach((index) => keep(index, 'automation', EVIDENCE_NOTES[found.code]));
  ordered.slice(-perKind).forEach((index) => keep(index, 'automation', 'last use'));
  personBeside(context, perKind).forEach((index) => keep(index, 'interactive', "the person's own interactive use"));
  const order = byTime(view);
  return [...kept.values()].sort((a, b) => order(a.index, b.index));
}

/** The person's interactive events nearest to the automation's span: inside it first, else just before it. */
function personBeside(context: GroupContext, count: number): number[] {
  const { interactive, view, ordered } = context;
  const from = view.times[ordered[0]];
  const to = view.times[ordered[ordered.length - 1]];
  const inside = interactive.filter((i) => view.times[i] >= from && view.times[i] <= to);
  if (inside.length > 0) return [...inside.slice(0, count), ...inside.slice(-count)];
  const before = interactive.filter((i) => view.times[i] < from);
  return before.length > 0 ? before.slice(-count) : interactive.slice(0, count);
}

function evidenceEvent(view: EventView, index: number, role: EvidenceEvent['role'], note: string): EvidenceEvent {
  const event = view.events[index];
  return {
    index,
    source: event.source,
    sourceEventId: event.sourceEventId,
    occurredAt: event.occurredAt,
    action: event.action,
    role,
    userAgent: event.client.userAgent,
    ip: event.client.ip,
    note,
  };
}
