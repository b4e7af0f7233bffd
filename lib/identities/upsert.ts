import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import type { HumanStatus } from '../db/generated/sqlite/enums';
import { AUDIT_ACTIONS } from '../audit/actions';
import { AppError } from '../errors';
import { keyUseCase, type UseCaseContext } from '../use-case';
import { recomputeFindings } from '../findings/recompute';
import { nameKey, nhiSearchText } from '../inventory/search-text';
import { createNhiSchema, type CreateNhiInput } from './schemas';
import {
  MAX_UPSERT_ITEMS,
  UPSERT_FIELDS,
  parseUpsertItems,
  upsertKey,
  type ItemIssue,
  type NhiUpsertItem,
  type ParsedUpsertItem,
} from './upsert-schemas';

/**
 * Upserting NHIs by (system, externalId), for the machine API and for CSV imports: a plan is made with a
 * handful of batched reads (it writes nothing, so a preview can show it), then applied in the caller's
 * transaction. Only real changes are written and counted as updates.
 */

type Reader = Tx | Db;

/** Keeps every IN (…) list well below the bind-parameter limits of SQLite (999 through Prisma) and PostgreSQL. */
const CHUNK_SIZE = 500;
/** recomputeFindings puts the NHI ids in two IN lists of one query. */
const RECOMPUTE_CHUNK_SIZE = 400;

export function chunksOf<T>(values: T[], size = CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

/** Runs `work` on each chunk in turn and joins what it returns. */
export async function inChunks<T, R>(values: T[], work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (const chunk of chunksOf(values)) results.push(...(await work(chunk)));
  return results;
}

/** recomputeFindings for any number of NHIs and credentials, a chunk at a time, in the caller's transaction. */
export async function recomputeInChunks(
  tx: Tx,
  scope: { nhiIds: string[]; credentialIds?: string[]; createdNhiIds?: string[] },
) {
  const nhiChunks = chunksOf([...new Set(scope.nhiIds)], RECOMPUTE_CHUNK_SIZE);
  const credentialChunks = chunksOf(scope.credentialIds ?? [], RECOMPUTE_CHUNK_SIZE);
  for (let i = 0; i < Math.max(nhiChunks.length, credentialChunks.length); i += 1) {
    await recomputeFindings(tx, {
      nhiIds: nhiChunks[i] ?? [],
      credentialIds: credentialChunks[i] ?? [],
      createdNhiIds: scope.createdNhiIds,
    });
  }
}

const existingSelect = {
  id: true,
  system: true,
  externalId: true,
  name: true,
  kind: true,
  environment: true,
  description: true,
  sponsorId: true,
} as const;

type ExistingNhi = { id: string; system: string; externalId: string } & Pick<
  CreateNhiInput,
  'name' | 'kind' | 'environment' | 'description' | 'sponsorId'
>;
type Sponsor = { id: string; email: string; status: HumanStatus };

async function findExisting(db: Reader, items: NhiUpsertItem[]): Promise<Map<string, ExistingNhi>> {
  const rows = await inChunks(items, (chunk) =>
    db.nhi.findMany({
      where: {
        system: { in: [...new Set(chunk.map((item) => item.system))] },
        externalId: { in: chunk.map((item) => item.externalId) },
      },
      select: existingSelect,
    }),
  );
  return new Map(rows.map((row) => [upsertKey(row), row]));
}

async function findSponsors(db: Reader, items: NhiUpsertItem[]): Promise<Map<string, Sponsor>> {
  const emails = [...new Set(items.flatMap((item) => (item.sponsorEmail ? [item.sponsorEmail] : [])))];
  const rows = await inChunks(emails, (chunk) =>
    db.human.findMany({ where: { email: { in: chunk } }, select: { id: true, email: true, status: true } }),
  );
  return new Map(rows.map((row) => [row.email, row]));
}

type NhiChanges = Partial<Omit<CreateNhiInput, 'system' | 'externalId'>>;

type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export type NhiUpsertPlan = {
  creates: CreateNhiInput[];
  updates: { id: string; changes: NhiChanges; changed: FieldChanges }[];
  unchanged: number;
  issues: ItemIssue[];
};

type ItemOutcome =
  | { kind: 'create'; data: CreateNhiInput }
  | { kind: 'update'; id: string; changes: NhiChanges; changed: FieldChanges }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; issue: ItemIssue };

function sponsorIdFor(
  index: number,
  item: NhiUpsertItem,
  existing: ExistingNhi | undefined,
  sponsors: Map<string, Sponsor>,
): { sponsorId: string | null } | { issue: ItemIssue } {
  if (!item.sponsorEmail) return { sponsorId: existing?.sponsorId ?? null };
  const sponsor = sponsors.get(item.sponsorEmail);
  if (!sponsor) return { issue: { index, field: 'sponsorEmail', message: 'No person with this email is in Steward.' } };
  if (sponsor.status !== 'ACTIVE')
    return {
      issue: { index, field: 'sponsorEmail', message: 'This person was offboarded: choose an active sponsor.' },
    };
  return { sponsorId: sponsor.id };
}

/** The fields an update writes: what was given and differs from what is stored. */
function changesOf(item: NhiUpsertItem, checked: CreateNhiInput, existing: ExistingNhi): NhiChanges {
  const given: NhiChanges = {
    name: checked.name,
    kind: checked.kind,
    ...(item.environment !== null ? { environment: checked.environment } : {}),
    ...(item.description !== null ? { description: checked.description } : {}),
    ...(item.sponsorEmail !== null ? { sponsorId: checked.sponsorId } : {}),
  };
  return Object.fromEntries(
    Object.entries(given).filter(([field, value]) => existing[field as keyof ExistingNhi] !== value),
  ) as NhiChanges;
}

function outcomeOf(
  { index, item }: ParsedUpsertItem,
  existing: ExistingNhi | undefined,
  sponsors: Map<string, Sponsor>,
): ItemOutcome {
  const sponsor = sponsorIdFor(index, item, existing, sponsors);
  if ('issue' in sponsor) return { kind: 'invalid', issue: sponsor.issue };
  const checked = createNhiSchema.safeParse({
    ...item,
    environment: item.environment ?? undefined,
    description: item.description ?? undefined,
    sponsorId: sponsor.sponsorId ?? undefined,
  });
  if (!checked.success)
    return { kind: 'invalid', issue: { index, field: 'sponsorEmail', message: checked.error.issues[0].message } };
  if (!existing) return { kind: 'create', data: checked.data };
  const changes = changesOf(item, checked.data, existing);
  if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
  const changed = Object.fromEntries(
    Object.entries(changes).map(([field, to]) => [field, { from: existing[field as keyof ExistingNhi], to }]),
  );
  return { kind: 'update', id: existing.id, changes, changed };
}

/** Works out what an upsert would do, with one read for existing identities and one for sponsors. Writes nothing. */
export async function planNhiUpsert(db: Reader, parsed: ParsedUpsertItem[]): Promise<NhiUpsertPlan> {
  const items = parsed.map(({ item }) => item);
  // One query at a time: `db` may be a transaction, which runs its queries in turn on one connection.
  const existing = await findExisting(db, items);
  const sponsors = await findSponsors(db, items);
  const plan: NhiUpsertPlan = { creates: [], updates: [], unchanged: 0, issues: [] };
  for (const entry of parsed) {
    const outcome = outcomeOf(entry, existing.get(upsertKey(entry.item)), sponsors);
    if (outcome.kind === 'create') plan.creates.push(outcome.data);
    else if (outcome.kind === 'update')
      plan.updates.push({ id: outcome.id, changes: outcome.changes, changed: outcome.changed });
    else if (outcome.kind === 'unchanged') plan.unchanged += 1;
    else plan.issues.push(outcome.issue);
  }
  return plan;
}

async function createNhis(tx: Tx, inputs: CreateNhiInput[]): Promise<string[]> {
  // createManyAndReturn gives the rows back in the order of `data` on both databases.
  const created = await inChunks(inputs, (chunk) =>
    tx.nhi.createManyAndReturn({
      data: chunk.map((input) => ({
        ...input,
        status: 'ACTIVE' as const,
        searchText: nhiSearchText(input),
        nameKey: nameKey(input.name),
      })),
      select: { id: true },
    }),
  );
  return created.map((nhi) => nhi.id);
}

/** One write per distinct change: a bulk change of, say, the environment costs a statement per 500 NHIs. */
async function updateNhis(tx: Tx, updates: NhiUpsertPlan['updates']): Promise<void> {
  const groups = new Map<string, { changes: NhiChanges; ids: string[] }>();
  for (const { id, changes } of updates) {
    const key = JSON.stringify(changes);
    const group = groups.get(key) ?? { changes, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const { changes, ids } of groups.values()) {
    for (const chunk of chunksOf(ids)) await tx.nhi.updateMany({ where: { id: { in: chunk } }, data: changes });
  }
}

/** One NHI that an upsert created or changed, with what changed: each gets an event in its own trail. */
export type UpsertedNhi = { id: string; outcome: 'created' | 'updated'; changed: FieldChanges };

function createdChanges(input: CreateNhiInput): FieldChanges {
  return Object.fromEntries(Object.entries(input).map(([field, to]) => [field, { from: null, to }]));
}

/**
 * Writes a plan without issues in the caller's transaction, then brings the touched NHIs' findings and figures
 * (search text included) up to date. Returns every NHI it created or changed.
 */
export async function applyNhiUpsert(tx: Tx, plan: NhiUpsertPlan): Promise<UpsertedNhi[]> {
  const createdIds = await createNhis(tx, plan.creates);
  await updateNhis(tx, plan.updates);
  const updatedIds = plan.updates.map((update) => update.id);
  await recomputeInChunks(tx, { nhiIds: [...createdIds, ...updatedIds], createdNhiIds: createdIds });
  return [
    ...createdIds.map((id, index) => ({
      id,
      outcome: 'created' as const,
      changed: createdChanges(plan.creates[index]),
    })),
    ...plan.updates.map(({ id, changed }) => ({ id, outcome: 'updated' as const, changed })),
  ];
}

/** Records one event per created or changed NHI, on that NHI, so its own page's trail shows the change. */
export function auditUpserts(
  audit: UseCaseContext<unknown>['audit'],
  upserted: UpsertedNhi[],
  via: 'api' | 'csv',
  batch: string,
): void {
  for (const { id, outcome, changed } of upserted)
    audit(AUDIT_ACTIONS.identitiesUpserted, `nhi:${id}`, { via, outcome, changed, batch });
}

function fieldRank(field: string): number {
  const rank = (UPSERT_FIELDS as readonly string[]).indexOf(field);
  return rank === -1 ? UPSERT_FIELDS.length : rank;
}

/** By item, then in the order of the fields in an item. */
function sortedIssues(issues: ItemIssue[]): ItemIssue[] {
  return [...issues].sort((a, b) => a.index - b.index || fieldRank(a.field) - fieldRank(b.field));
}

function itemsOfBody(body: unknown): unknown[] {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) throw new AppError('INVALID_INPUT', 'Send at least one identity.', 422);
  if (items.length > MAX_UPSERT_ITEMS)
    throw new AppError(
      'INVALID_INPUT',
      `Send at most ${MAX_UPSERT_ITEMS} identities per call; split the rest into further calls.`,
      422,
    );
  return items;
}

function rejected(issues: ItemIssue[], total: number): AppError {
  const invalid = new Set(issues.map((issue) => issue.index)).size;
  return new AppError(
    'INVALID_INPUT',
    `${invalid} of ${total} ${total === 1 ? 'identity is' : 'identities are'} invalid: nothing was written.`,
    422,
    { items: sortedIssues(issues) },
  );
}

export type UpsertResult = { created: number; updated: number };

/**
 * The machine API's upsert: one identity or an array of up to 1,000, all or nothing. Any invalid item rejects
 * the whole call with every problem listed by item index and field.
 */
export const upsertIdentities = keyUseCase({
  permission: 'identities.upsert',
  input: z.unknown(),
  run: async ({ tx, audit }, body): Promise<UpsertResult> => {
    const raws = itemsOfBody(body);
    const { parsed, issues } = parseUpsertItems(raws);
    const plan = await planNhiUpsert(tx, parsed);
    if (issues.length + plan.issues.length > 0) throw rejected([...issues, ...plan.issues], raws.length);
    const upserted = await applyNhiUpsert(tx, plan);
    auditUpserts(audit, upserted, 'api', randomUUID());
    return { created: plan.creates.length, updated: plan.updates.length };
  },
});
