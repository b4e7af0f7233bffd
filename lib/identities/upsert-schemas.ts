import { z } from 'zod';
import type { NhiKind } from '../db/generated/sqlite/enums';
import { createNhiSchema, NHI_KINDS } from './schemas';

/** Upserting NHIs by (system, externalId): the shape of one item, shared by the machine API and CSV imports. */

export const MAX_UPSERT_ITEMS = 1000;

export const UPSERT_FIELDS = [
  'system',
  'externalId',
  'name',
  'kind',
  'environment',
  'sponsorEmail',
  'description',
] as const;
export const REQUIRED_UPSERT_FIELDS = ['system', 'externalId', 'name', 'kind'] as const;

export type UpsertField = (typeof UPSERT_FIELDS)[number];

/** An item as validated without the database. An optional field that is null is "not given": it keeps its value. */
export type NhiUpsertItem = {
  system: string;
  externalId: string;
  name: string;
  kind: NhiKind;
  environment: string | null;
  description: string | null;
  sponsorEmail: string | null;
};

/** What is wrong with one item; `field` is `_item` when the item as a whole is wrong. */
export type ItemIssue = { index: number; field: string; message: string };

export const ITEM_FIELD = '_item';

const notGiven = (value: unknown) => value === null || value === undefined || value === '';

export const sponsorEmailSchema = z
  .string({ error: 'Give the sponsor as an email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Give the sponsor as an email address.'));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownFieldIssues(raw: Record<string, unknown>, index: number): ItemIssue[] {
  return Object.keys(raw)
    .filter((key) => !(UPSERT_FIELDS as readonly string[]).includes(key))
    .map((key) => ({ index, field: key, message: `Unknown field. Use only: ${UPSERT_FIELDS.join(', ')}.` }));
}

function parseSponsorEmail(value: unknown, index: number): { email: string | null; issues: ItemIssue[] } {
  if (notGiven(value)) return { email: null, issues: [] };
  const parsed = sponsorEmailSchema.safeParse(value);
  if (parsed.success) return { email: parsed.data, issues: [] };
  return { email: null, issues: [{ index, field: 'sponsorEmail', message: parsed.error.issues[0].message }] };
}

/** Stands in for the sponsor while the fields are checked: it is resolved, and its rule checked, with the database. */
const SPONSOR_RESOLVED_LATER = 'resolved-later';

function fieldMessage(field: string, message: string): string {
  return field === 'kind' ? `Use one of: ${NHI_KINDS.join(', ')}.` : message;
}

function parseNhiFields(raw: Record<string, unknown>, index: number) {
  const parsed = createNhiSchema.safeParse({
    system: raw.system,
    externalId: raw.externalId,
    name: raw.name,
    kind: raw.kind,
    environment: notGiven(raw.environment) ? undefined : raw.environment,
    description: notGiven(raw.description) ? undefined : raw.description,
    sponsorId: SPONSOR_RESOLVED_LATER,
  });
  if (parsed.success) return { fields: parsed.data, issues: [] };
  const issues = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? ITEM_FIELD);
    return { index, field, message: fieldMessage(field, issue.message) };
  });
  return { fields: null, issues };
}

/** Validates one item with the NHI form's own rules, without the database. */
export function parseUpsertItem(
  raw: unknown,
  index: number,
): { item: NhiUpsertItem; issues: [] } | { item: null; issues: ItemIssue[] } {
  if (!isRecord(raw))
    return { item: null, issues: [{ index, field: ITEM_FIELD, message: 'Send each identity as a JSON object.' }] };
  const sponsor = parseSponsorEmail(raw.sponsorEmail, index);
  const { fields, issues: fieldIssues } = parseNhiFields(raw, index);
  const issues = [...unknownFieldIssues(raw, index), ...fieldIssues, ...sponsor.issues];
  if (!fields || issues.length > 0) return { item: null, issues };
  const { system, externalId, name, kind, environment, description } = fields;
  return {
    item: {
      system,
      externalId,
      name,
      kind,
      environment: notGiven(raw.environment) ? null : environment,
      description,
      sponsorEmail: sponsor.email,
    },
    issues: [],
  };
}

export type ParsedUpsertItem = { index: number; item: NhiUpsertItem };

export function upsertKey(nhi: { system: string; externalId: string }): string {
  return JSON.stringify([nhi.system, nhi.externalId]);
}

/**
 * Keeps the first of the entries that share a key and reports the others: which of two would win is not
 * something to guess.
 */
export function withoutRepeats<T extends { index: number }>(
  entries: T[],
  keyOf: (entry: T) => string,
  issueFor: (entry: T, firstIndex: number) => ItemIssue,
): { unique: T[]; issues: ItemIssue[] } {
  const firstIndexByKey = new Map<string, number>();
  const unique: T[] = [];
  const issues: ItemIssue[] = [];
  for (const entry of entries) {
    const first = firstIndexByKey.get(keyOf(entry));
    if (first !== undefined) issues.push(issueFor(entry, first));
    else {
      firstIndexByKey.set(keyOf(entry), entry.index);
      unique.push(entry);
    }
  }
  return { unique, issues };
}

/** Validates every item, so that one answer lists every problem. `describe` names an item in messages. */
export function parseUpsertItems(
  raws: unknown[],
  describe: (index: number) => string = (index) => `item ${index}`,
): { parsed: ParsedUpsertItem[]; issues: ItemIssue[] } {
  const valid: ParsedUpsertItem[] = [];
  const issues: ItemIssue[] = [];
  raws.forEach((raw, index) => {
    const result = parseUpsertItem(raw, index);
    if (result.item) valid.push({ index, item: result.item });
    else issues.push(...result.issues);
  });
  const { unique, issues: repeats } = withoutRepeats(
    valid,
    ({ item }) => upsertKey(item),
    ({ index }, first) => ({
      index,
      field: 'externalId',
      message: `The same system and externalId as ${describe(first)}: each identity may appear only once.`,
    }),
  );
  return { parsed: unique, issues: [...issues, ...repeats] };
}
