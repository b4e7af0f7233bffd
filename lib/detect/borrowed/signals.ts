import { appKindOf, isAutomationClass } from './clients';
import type { CredentialGroup, EventView, PersonBaseline } from './collect';
import type { Reason } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tunables; each is explained where it is used and in the case's reason text. */
export const THRESHOLDS = {
  rateFloorPerHour: 30,
  rateCapPerHour: 120,
  ratePersonFactor: 1.5,
  steadySlotsPerHour: 11,
  /** A program (an SDK, an agent, another app's token) keeping the pace for a full hour is past a quick script. */
  machineRateHoursForPrograms: 1,
  machineRateHours: 2,
  /** A person's own tool (a CLI, an unnamed client) needs longer at machine rate: a big sync can run an hour or two. */
  machineRateHoursForTools: 3,
  sleepGapHours: 4,
  awakeRunHours: 36,
  cadenceRunGapSeconds: 60,
  cadenceMinRuns: 6,
  cadenceTolerance: 0.1,
  /** A scheduler starts its runs within seconds of the beat however long the period; a person drifts by minutes. */
  cadenceToleranceCapMinutes: 5,
  cadenceRegularShare: 0.8,
  sustainedMinEvents: 10,
  sustainedMinHours: 3,
  /** A pause longer than this ends a run of activity when counting the hours a credential was in use. */
  activeRunGapMinutes: 75,
  /** A program active for this many hours without a long pause ran through more than an afternoon of someone trying a script. */
  sustainedProgramHours: 8,
  newNetworkShare: 0.8,
  /** A program's calls from a network the person never used, enough of them to be a run rather than a test. */
  programElsewhereMinEvents: 10,
  /** This many separate /16 networks, none the person's, is a fleet of machines rather than one person moving about. */
  scatteredNetworks: 4,
  togetherWindowMinutes: 10,
  togetherMinEvents: 3,
  mfaWindowHours: 24,
} as const;

export const WEIGHTS = {
  DECLARED_IN_INVENTORY: 5,
  AGENT_CLIENT: 3,
  SDK_CLIENT: 1,
  NON_INTERACTIVE_APP: 1,
  MACHINE_RATE: 2,
  AROUND_THE_CLOCK: 2,
  REGULAR_CADENCE: 1,
  SUSTAINED_USE: 1,
  NEW_NETWORK: 1,
  SERVER_ENVIRONMENT: 1,
  BROWSER_AND_AUTOMATION_TOGETHER: 1,
  SESSION_REPLAYED: 2,
  KEY_USED_WHILE_MFA_SIGN_IN: 1,
  BRIEF_USE: 0,
  PERSON_TOOLS_ONLY: 0,
} as const;

/** Sustained use by a client that says it is a program (an SDK, an agent) weighs more than by a person's tool. */
export const SUSTAINED_PROGRAM_WEIGHT = 2;

/** A signal that fired, with the events that show it best. */
export type Signal = Reason & { telling: number[]; strong?: boolean };

/** What every signal reads: the group's events in time order and the person's interactive ones. */
export type GroupContext = {
  group: CredentialGroup;
  baseline: PersonBaseline;
  /** The group's events, time-ordered. */
  ordered: number[];
  times: number[];
  /** The person's interactive events, time-ordered. */
  interactive: number[];
  view: EventView;
  credentialLabel: string;
};

function signal(code: Signal['code'], message: string, telling: number[], strong = false): Signal {
  return { code, message, weight: WEIGHTS[code], telling: telling.slice(0, 8), strong };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function clientSignals(context: GroupContext): Signal[] {
  const { ordered, view } = context;
  const agentEvents = ordered.filter((i) => view.clientOf(i).clientClass === 'agent');
  const sdkEvents = ordered.filter((i) => view.clientOf(i).clientClass === 'sdk');
  const found: Signal[] = [];
  if (agentEvents.length > 0) {
    const names = familiesOf(agentEvents, context);
    found.push(
      signal(
        'AGENT_CLIENT',
        `${plural(agentEvents.length, 'call')} came from an AI agent or agent framework (${names}), not from a person's browser or tool.`,
        agentEvents,
      ),
    );
  }
  if (sdkEvents.length > 0) {
    const names = familiesOf(sdkEvents, context);
    found.push(
      signal(
        'SDK_CLIENT',
        `${plural(sdkEvents.length, 'call')} came from code (${names}): a programming library or a protocol only programs speak, not a console, a browser or a person's command-line tool.`,
        sdkEvents,
      ),
    );
  }
  const appEvents = ordered.filter((i) => nonInteractiveApp(context, i));
  if (appEvents.length > 0) {
    const credential = view.events[appEvents[0]].credential;
    const app = credential?.appName ?? credential?.appId ?? 'an application';
    found.push(
      signal(
        'NON_INTERACTIVE_APP',
        `The person's token was used without them at the keyboard by ${app}, an application that is not one of a person's everyday apps or command-line tools (${plural(appEvents.length, 'non-interactive use')}).`,
        appEvents,
      ),
    );
  }
  return found;
}

/** What SDKs and CLIs say about where they run: AWS's exec-env, a cloud kernel, gcloud's environment. */
const SERVER_ENVIRONMENT =
  /exec-env\/(?!cloudshell)[a-z][^\s,]*|(os\/linux#|linux\/)[^ ]*-(aws|gcp|gke|azure)\b|environment\/(gce|gke|cloudrun|gae)/i;

/**
 * The execution environment a managed compute service announces to the SDKs inside it (AWS_EXECUTION_ENV in Lambda,
 * ECS, CodeBuild …; a serverless runtime): no one sits at such a machine, so code there is never the person typing.
 * A cloud kernel alone is weaker: a person may work on a virtual machine of their own.
 */
const MANAGED_RUNTIME = /exec-env\/(?!cloudshell)[a-z]|environment\/(cloudrun|gae)/i;
/** Weight of a managed runtime: a person's key inside one is a workload's credential by construction. */
const MANAGED_RUNTIME_WEIGHT = 2;

export function serverEnvironment(context: GroupContext): Signal | null {
  const { ordered, view } = context;
  const onServer = ordered.filter((i) => SERVER_ENVIRONMENT.test(view.events[i].client.userAgent ?? ''));
  if (onServer.length === 0) return null;
  const managed = onServer.filter((i) => MANAGED_RUNTIME.test(view.events[i].client.userAgent ?? ''));
  const shown = managed.length > 0 ? managed : onServer;
  const hint = SERVER_ENVIRONMENT.exec(view.events[shown[0]].client.userAgent ?? '')?.[0] ?? '';
  const found = signal(
    'SERVER_ENVIRONMENT',
    managed.length > 0
      ? `The client says it runs inside a managed cloud runtime (${hint}) in ${plural(managed.length, 'call')}: no one sits at such a machine, so the person's credential was handed to a workload.`
      : `The client says it runs on a cloud server (${hint}) in ${plural(onServer.length, 'call')}: the credential was copied onto a machine, not used from the person's own device.`,
    shown,
    managed.length > 0,
  );
  return managed.length > 0 ? { ...found, weight: MANAGED_RUNTIME_WEIGHT } : found;
}

function nonInteractiveApp(context: GroupContext, index: number): boolean {
  const event = context.view.events[index];
  if (event.interactive !== false || !event.credential?.appId) return false;
  const { kind, byId } = appKindOf(event.credential.appId, event.credential.appName);
  if (kind === 'person_app' && !byId) return context.view.clientOf(index).clientClass !== 'human_app';
  return kind === 'other_app';
}

function familiesOf(indexes: number[], context: GroupContext): string {
  const families = new Set(indexes.map((i) => context.view.clientOf(i).family));
  return [...families].slice(0, 4).join(', ');
}

/** Whether the client says it is a program: an SDK or agent user agent, or another application's token. */
function admitsProgram(context: GroupContext): boolean {
  return context.ordered.some(
    (i) => isAutomationClass(context.view.clientOf(i).clientClass) || nonInteractiveApp(context, i),
  );
}

/** The most a person did interactively in one clock hour. */
function busiestInteractiveHour(context: GroupContext): number {
  const perHour = new Map<number, number>();
  let busiest = 0;
  for (const i of context.interactive) {
    const hour = Math.floor(context.view.times[i] / HOUR);
    const count = (perHour.get(hour) ?? 0) + 1;
    perHour.set(hour, count);
    busiest = Math.max(busiest, count);
  }
  return busiest;
}

/** Hours in which the credential was busy without a five-minute pause, above what the person does by hand. */
export function machineRate(context: GroupContext): Signal | null {
  const personBusiest = busiestInteractiveHour(context);
  const limit = Math.min(
    THRESHOLDS.rateCapPerHour,
    Math.max(THRESHOLDS.rateFloorPerHour, Math.ceil(personBusiest * THRESHOLDS.ratePersonFactor)),
  );
  const hours = new Map<number, { count: number; slots: Set<number>; first: number }>();
  context.ordered.forEach((index, position) => {
    const time = context.times[position];
    const hour = Math.floor(time / HOUR);
    let bucket = hours.get(hour);
    if (!bucket) hours.set(hour, (bucket = { count: 0, slots: new Set(), first: index }));
    bucket.count++;
    bucket.slots.add(Math.floor((time % HOUR) / (5 * MINUTE)));
  });
  const steady = [...hours.values()].filter(
    (bucket) => bucket.count >= limit && bucket.slots.size >= THRESHOLDS.steadySlotsPerHour,
  );
  const needed = admitsProgram(context) ? THRESHOLDS.machineRateHoursForPrograms : THRESHOLDS.machineRateHours;
  if (steady.length < needed) return null;
  const strong = steady.length >= THRESHOLDS.machineRateHoursForTools;
  const peak = Math.max(...steady.map((bucket) => bucket.count));
  const baseline =
    personBusiest > 0
      ? `the most this person did interactively in an hour is ${personBusiest}`
      : 'the person shows no interactive use to compare with';
  return signal(
    'MACHINE_RATE',
    `For ${plural(steady.length, 'hour')} the credential made at least ${limit} calls an hour (up to ${peak}) with no five-minute pause; ${baseline}.`,
    steady.map((bucket) => bucket.first),
    strong,
  );
}

/** The longest stretch without a gap long enough to sleep, in time-ordered instants. */
function longestAwakeRun(times: number[]): { start: number; end: number } {
  const gap = THRESHOLDS.sleepGapHours * HOUR;
  let best = { start: 0, end: 0 };
  let start = 0;
  for (let i = 1; i <= times.length; i++) {
    if (i === times.length || times[i] - times[i - 1] >= gap) {
      if (times.length > 0 && times[i - 1] - times[start] > best.end - best.start)
        best = { start: times[start], end: times[i - 1] };
      start = i;
    }
  }
  return best;
}

export function aroundTheClock(context: GroupContext): Signal | null {
  const run = longestAwakeRun(context.times);
  const hours = (run.end - run.start) / HOUR;
  if (hours < THRESHOLDS.awakeRunHours) return null;
  const personRun = longestAwakeRun(context.interactive.map((i) => context.view.times[i]));
  if ((personRun.end - personRun.start) / HOUR >= THRESHOLDS.awakeRunHours) return null;
  const first = context.ordered[context.times.indexOf(run.start)];
  const last = context.ordered[context.times.lastIndexOf(run.end)];
  return signal(
    'AROUND_THE_CLOCK',
    `Used for ${Math.round(hours)} hours on end with no break of ${THRESHOLDS.sleepGapHours} hours or more: no one works without sleeping, and this person's own interactive use shows breaks.`,
    [first, last],
  );
}

/** Runs of calls (bursts less than a minute apart) that start on a steady beat: a scheduler, not a person. */
export function regularCadence(context: GroupContext): Signal | null {
  const runStarts: number[] = [];
  const runFirst: number[] = [];
  const times = context.times;
  for (let i = 0; i < times.length; i++) {
    if (i === 0 || times[i] - times[i - 1] > THRESHOLDS.cadenceRunGapSeconds * 1000) {
      runStarts.push(times[i]);
      runFirst.push(context.ordered[i]);
    }
  }
  if (runStarts.length < THRESHOLDS.cadenceMinRuns) return null;
  const gaps = runStarts.slice(1).map((start, i) => start - runStarts[i]);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  if (median < MINUTE) return null;
  const onBeat = gaps.filter((gap) => {
    const beats = Math.round(gap / median);
    const tolerance = Math.min(median * THRESHOLDS.cadenceTolerance, THRESHOLDS.cadenceToleranceCapMinutes * MINUTE);
    return beats >= 1 && Math.abs(gap - beats * median) <= tolerance;
  }).length;
  if (onBeat / gaps.length < THRESHOLDS.cadenceRegularShare) return null;
  return signal(
    'REGULAR_CADENCE',
    `${plural(runStarts.length, 'run')} of calls started every ${describeDuration(median)} like clockwork (${Math.round((100 * onBeat) / gaps.length)}% on the beat): a schedule, not a person.`,
    [runFirst[0], runFirst[1], runFirst[runFirst.length - 1]],
  );
}

function describeDuration(ms: number): string {
  if (ms >= DAY) return `${(ms / DAY).toFixed(1)} days`;
  if (ms >= HOUR) return `${(ms / HOUR).toFixed(1)} hours`;
  return `${Math.round(ms / MINUTE)} minutes`;
}

/**
 * Hours in use, counted over runs of activity rather than clock hours, so that a one-minute script that happens to
 * start at 12:59 counts one hour, not two. A run ends at a pause longer than `activeRunGapMinutes`; each run counts
 * its length in started hours. Days count only runs that began on different calendar days.
 */
function activeSpan(times: number[]): { hours: number; days: number; continuousHours: number } {
  const gap = THRESHOLDS.activeRunGapMinutes * MINUTE;
  let hours = 0;
  let continuous = 0;
  const days = new Set<number>();
  let start = 0;
  for (let i = 1; i <= times.length; i++) {
    if (i < times.length && times[i] - times[i - 1] <= gap) continue;
    const span = times[i - 1] - times[start];
    hours += Math.max(1, Math.ceil(span / HOUR));
    continuous += span;
    days.add(Math.floor(times[start] / DAY));
    start = i;
  }
  return { hours, days: days.size, continuousHours: continuous / HOUR };
}

/** Used many times over hours or days, as opposed to a one-off script or a quick command. */
export function sustainedUse(context: GroupContext): Signal | null {
  const { times } = context;
  if (times.length < THRESHOLDS.sustainedMinEvents) return null;
  const { hours, days, continuousHours } = activeSpan(times);
  if (hours < THRESHOLDS.sustainedMinHours && days < 2) return null;
  const calendarDays = Math.max(1, Math.ceil((times[times.length - 1] - times[0]) / DAY));
  // Hours of unbroken activity, not runs: a person's one-minute script run every morning is not a program left running.
  const program = admitsProgram(context) && continuousHours >= THRESHOLDS.sustainedProgramHours;
  const found = signal(
    'SUSTAINED_USE',
    `Used ${plural(times.length, 'time')} in ${plural(hours, 'hour')} of activity over ${plural(calendarDays, 'day')}, not once in a quick session${program ? `: a program kept running with it for ${Math.round(continuousHours)} hours, longer than anyone trying a script` : ''}.`,
    [context.ordered[0], context.ordered[context.ordered.length - 1]],
  );
  return program ? { ...found, weight: SUSTAINED_PROGRAM_WEIGHT } : found;
}

/** Weight of a program's run from a network the person never used: code that runs somewhere else. */
const PROGRAM_ELSEWHERE_WEIGHT = 2;

export function newNetwork(context: GroupContext): Signal | null {
  const { baseline, view, ordered } = context;
  if (baseline.regions.size === 0) return null;
  const withAddress = ordered.filter((i) => view.prefixesOf(i) !== null);
  const outside = withAddress.filter((i) => !baseline.regions.has(view.prefixesOf(i)!.region));
  if (withAddress.length === 0 || outside.length / withAddress.length < THRESHOLDS.newNetworkShare) return null;
  const sites = [...new Set(outside.map((i) => view.prefixesOf(i)!.site))];
  // Being elsewhere tells only about a person who works from a few places; someone seen on many networks moves about.
  const settled = baseline.regions.size < THRESHOLDS.scatteredNetworks;
  const programCalls = outside.filter((i) => isAutomationClass(view.clientOf(i).clientClass)).length;
  const program = settled && programCalls >= THRESHOLDS.programElsewhereMinEvents;
  const regions = new Set(outside.map((i) => view.prefixesOf(i)!.region)).size;
  // Build runners and cloud functions get a new address for every job; a person carries one laptop.
  const scattered = settled && regions >= THRESHOLDS.scatteredNetworks;
  const details = [
    program ? `${programCalls} of them by a program` : null,
    scattered ? `spread over ${regions} separate /16 networks, as fleets of build or cloud machines are` : null,
  ].filter(Boolean);
  const found = signal(
    'NEW_NETWORK',
    `${plural(outside.length, 'call')} came from ${sites.slice(0, 3).join(', ')}${sites.length > 3 ? ' and others' : ''}, outside every /16 network the person used interactively (${plural(baseline.regions.size, 'network')}): another place, not where they work${details.length > 0 ? `; ${details.join(', ')}` : ''}.`,
    outside,
    program || scattered,
  );
  return program || scattered ? { ...found, weight: PROGRAM_ELSEWHERE_WEIGHT } : found;
}

/** The person at a browser on one network while the credential is used by a program on another, at the same time. */
export function browserAndAutomationTogether(context: GroupContext): Signal | null {
  const { view, ordered, interactive } = context;
  const window = THRESHOLDS.togetherWindowMinutes * MINUTE;
  const together: number[] = [];
  let low = 0;
  for (const index of ordered) {
    const time = view.times[index];
    const site = view.prefixesOf(index)?.site;
    if (!site) continue;
    while (low < interactive.length && view.times[interactive[low]] < time - window) low++;
    for (let j = low; j < interactive.length && view.times[interactive[j]] <= time + window; j++) {
      const other = view.prefixesOf(interactive[j])?.site;
      if (other && other !== site) {
        together.push(index);
        break;
      }
    }
  }
  if (together.length < THRESHOLDS.togetherMinEvents) return null;
  return signal(
    'BROWSER_AND_AUTOMATION_TOGETHER',
    `${plural(together.length, 'use')} of the credential away from the person came within ${THRESHOLDS.togetherWindowMinutes} minutes of the person's own interactive use from a different network: two places at once.`,
    together,
  );
}

export function sessionReplayed(context: GroupContext): Signal | null {
  const { view, ordered, baseline } = context;
  const replayed = ordered.filter((i) => {
    const session = view.events[i].credential?.sessionId;
    const named = view.clientOf(i).clientClass !== 'unknown';
    return Boolean(named && session && baseline.browserSessions.has(session));
  });
  if (replayed.length === 0) return null;
  return signal(
    'SESSION_REPLAYED',
    `The session the person opened in a browser was also used by a program (${plural(replayed.length, 'call')}): the session's cookie or token was copied out of the browser.`,
    replayed,
  );
}

const PERSONAL_KEY_TYPES = new Set(['long_lived_access_key', 'api_token', 'personal_access_token']);

export function keyUsedWhileMfaSignIn(context: GroupContext): Signal | null {
  const { view, ordered, baseline } = context;
  const event = view.events[ordered[0]];
  if (!event.credential || !PERSONAL_KEY_TYPES.has(event.credential.type)) return null;
  // Elsewhere: code on the person's own laptop while they are signed in is them running a script.
  const programmatic = ordered.filter((i) => {
    const site = view.prefixesOf(i)?.site;
    return isAutomationClass(view.clientOf(i).clientClass) && site !== undefined && !baseline.sites.has(site);
  });
  if (programmatic.length === 0 || baseline.mfaTimes.length === 0) return null;
  const window = THRESHOLDS.mfaWindowHours * HOUR;
  const from = view.times[programmatic[0]] - window;
  const to = view.times[programmatic[programmatic.length - 1]] + window;
  const signIns = baseline.mfaTimes.filter((time) => time >= from && time <= to).length;
  if (signIns === 0) return null;
  return signal(
    'KEY_USED_WHILE_MFA_SIGN_IN',
    `While code used the person's long-lived ${context.credentialLabel} from a network they never worked from, the person signed in interactively with MFA (${plural(signIns, 'time')}): the code's calls carry no second factor.`,
    programmatic,
  );
}
