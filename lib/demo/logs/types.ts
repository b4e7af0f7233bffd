import type { IngestFormat } from '../../ingest/types';
import type { Random } from '../random';
import type { World } from '../world';
import type { Window } from './timeline';

export type JsonRecord = Record<string, unknown>;

/**
 * What a scenario shows: a person's credential used by automation (`borrowed`), something that looks like it
 * and must be left alone (`look-alike`), or a machine the inventory does not know (`discovered`).
 */
export type ScenarioKind = 'borrowed' | 'look-alike' | 'discovered';

export type DemoScenario = { id: string; format: IngestFormat; kind: ScenarioKind; summary: string };

export type DemoEntry = { scenario: string; time: number; record: JsonRecord };

/** How a file holds its records: CloudTrail's `{"Records":[…]}`, one JSON object per line, or a JSON array. */
export type FileLayout = 'records' | 'ndjson' | 'array';

export type DemoLogFile = {
  path: string;
  format: IngestFormat;
  layout: FileLayout;
  gzip: boolean;
  entries: DemoEntry[];
};

export type FormatLogs = { scenarios: DemoScenario[]; files: DemoLogFile[] };

export type LogContext = { world: World; window: Window; random: Random };

/** A person of the demo directory by their seat in the organisation chart. */
export function personAt(world: World, seat: string): { email: string; name: string; first: string; last: string } {
  const person = world.people.all.find((candidate) => candidate.seat.seat === seat);
  if (!person) throw new Error(`The demo organisation has no seat ${seat}.`);
  const [first, ...rest] = person.row.name.split(' ');
  return { email: person.row.email, name: person.row.name, first, last: rest.join(' ') };
}

/** The first registered NHI that fits, so that the logs name identities the demo inventory holds. */
export function inventoryNhi(
  world: World,
  fits: (identity: World['identities']['all'][number]) => boolean,
): { name: string; externalId: string } {
  const found = world.identities.all.find(
    (identity) => identity.row.status === 'ACTIVE' && identity.activeUntil === null && fits(identity),
  );
  if (!found) throw new Error('The demo inventory has no identity of the kind the logs need.');
  return { name: found.row.name, externalId: found.row.externalId };
}

/** Records of one scenario, built in time order by whoever fills them. */
export class ScenarioLog {
  readonly entries: DemoEntry[] = [];

  constructor(readonly scenario: DemoScenario) {}

  add(time: number, record: JsonRecord): void {
    this.entries.push({ scenario: this.scenario.id, time, record });
  }
}

export function fileOf(
  path: string,
  format: IngestFormat,
  layout: FileLayout,
  logs: ScenarioLog[],
  gzip = false,
): DemoLogFile {
  const entries = logs.flatMap((log) => log.entries).sort((a, b) => a.time - b.time);
  return { path, format, layout, gzip, entries };
}
