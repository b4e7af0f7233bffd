import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { requireHuman, type Actor } from '../auth/actor';
import { createCredentialSchema, MANAGED_CREDENTIAL_KINDS, type CreateCredentialInput } from '../credentials/schemas';
import { AppError, conflict } from '../errors';
import { NHI_KINDS, systemSchema } from '../identities/schemas';
import {
  applyNhiUpsert,
  auditUpserts,
  planNhiUpsert,
  inChunks,
  recomputeInChunks,
  type NhiUpsertPlan,
} from '../identities/upsert';
import {
  parseUpsertItems,
  sponsorEmailSchema,
  upsertKey,
  withoutRepeats,
  type ItemIssue,
} from '../identities/upsert-schemas';
import { personUseCase, type UseCaseContext } from '../use-case';
import { parseInput } from '../validation';
import { CsvSyntaxError, parseCsv } from './csv';
import { credentialColumns } from '../credentials/manage';

/**
 * Importing identities or credentials from a CSV file. A preview parses and checks every row and writes
 * nothing; applying checks the same file again from scratch and writes every row in one transaction, or
 * nothing when any row is wrong. Identities are upserted exactly as the machine API does it; credentials are
 * only ever created.
 */

type Reader = Tx | Db;

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** Sized so that applying the largest file, findings included, stays well inside one transaction's time limit. */
export const MAX_CSV_ROWS = 10_000;
/** A preview lists at most this many problems; it always says how many there are. */
const MAX_LISTED_ERRORS = 1000;

export const IMPORT_KINDS = ['identities', 'credentials'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportColumn = { name: string; required: boolean; help: string };

const ISO_DATE_EXAMPLE = '2026-06-30, or 2026-06-30T12:00:00Z with a time';
const ISO_DATE_HELP = `An ISO 8601 date: ${ISO_DATE_EXAMPLE}.`;

export const IMPORT_FORMATS: Record<ImportKind, { columns: ImportColumn[]; example: string }> = {
  identities: {
    columns: [
      { name: 'system', required: true, help: 'Where it lives, in lowercase: aws, github, okta …' },
      { name: 'externalId', required: true, help: 'Its identifier there. With system, it finds the row to update.' },
      { name: 'name', required: true, help: 'A name people recognise.' },
      { name: 'kind', required: true, help: `One of ${NHI_KINDS.join(', ')}.` },
      { name: 'environment', required: false, help: 'production, staging …; empty keeps the current one.' },
      {
        name: 'sponsorEmail',
        required: false,
        help: 'An active person in Steward. AI agents need one, unless they already have one.',
      },
      { name: 'description', required: false, help: 'What it does; empty keeps the current one.' },
    ],
    example: [
      'system,externalId,name,kind,environment,sponsorEmail,description',
      'github,release-bot,Release bot,BOT,production,,Publishes tagged releases',
      'openai,asst_support,Support agent,AI_AGENT,production,grace.okafor@acme.example,"Answers tickets, drafts replies"',
      'aws,arn:aws:iam::123456789012:role/etl,Nightly ETL,WORKLOAD,staging,,',
    ].join('\r\n'),
  },
  credentials: {
    columns: [
      { name: 'system', required: true, help: 'Where it is accepted, in lowercase: aws, github …' },
      { name: 'name', required: true, help: 'A name people recognise.' },
      { name: 'kind', required: true, help: `One of ${MANAGED_CREDENTIAL_KINDS.join(', ')}.` },
      { name: 'fingerprint', required: true, help: 'A hash or key id, never the secret. Must be new to Steward.' },
      { name: 'subjectType', required: true, help: 'HUMAN or NHI: whom it authenticates as.' },
      { name: 'subject', required: true, help: "A person's email, or an identity as system:externalId." },
      { name: 'holder', required: false, help: 'The identity that uses it, as system:externalId.' },
      { name: 'environment', required: false, help: 'production, staging …' },
      { name: 'issuedAt', required: false, help: ISO_DATE_HELP },
      { name: 'expiresAt', required: false, help: `${ISO_DATE_HELP} Empty means it never expires.` },
      { name: 'lastRotatedAt', required: false, help: ISO_DATE_HELP },
    ],
    example: [
      'system,name,kind,fingerprint,subjectType,subject,holder,environment,issuedAt,expiresAt,lastRotatedAt',
      'github,Release bot token,API_KEY,sha256:9f86d081884c7d65,NHI,github:release-bot,,production,2026-01-15,2027-01-15,',
      "github,Grace's token used by the support agent,PERSONAL_ACCESS_TOKEN,ghp-fp-4e07408562be,HUMAN,grace.okafor@acme.example,openai:asst_support,production,2026-03-01T09:30:00Z,,",
    ].join('\r\n'),
  },
};

export type ImportRowError = { line: number; column: string | null; message: string };

export type ImportPreview = {
  kind: ImportKind;
  fileName: string;
  /** SHA-256 of the file: applying refuses a file other than the one previewed. */
  digest: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalidRows: number;
  errorCount: number;
  errors: ImportRowError[];
};

export type ImportResult = Pick<ImportPreview, 'kind' | 'fileName' | 'rows' | 'created' | 'updated' | 'unchanged'>;

export const previewImportSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: 'Choose what the file holds: identities or credentials.' }),
  fileName: z.string().trim().min(1).max(255).catch('upload.csv'),
});

export const applyImportSchema = previewImportSchema.extend({
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'Preview the file before importing it.'),
});

// ——— Reading the file ————————————————————————————————————————————————————————————————

type Row = { line: number; values: Record<string, string> };
type Table = { rows: Row[]; rowCount: number; errors: ImportRowError[] };

const HEADER_LINE = 1;

function decode(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError('INVALID_INPUT', 'The file is not UTF-8 text: save it as "CSV UTF-8" and try again.', 422);
  }
}

/** "External ID", "external_id" and "externalId" all name the same column. */
function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/** The file's columns by their canonical names, or what is wrong with its header. */
function readHeader(header: string[], kind: ImportKind): { columns: string[]; errors: ImportRowError[] } {
  const { columns } = IMPORT_FORMATS[kind];
  const known = new Map(columns.map((column) => [columnKey(column.name), column.name]));
  const found: string[] = [];
  const errors: ImportRowError[] = [];
  for (const name of header) {
    const column = known.get(columnKey(name));
    if (!column)
      errors.push({
        line: HEADER_LINE,
        column: name,
        message: `Unknown column "${name}". The columns for ${kind} are: ${columns.map((c) => c.name).join(', ')}.`,
      });
    else if (found.includes(column))
      errors.push({ line: HEADER_LINE, column, message: `The column "${column}" appears more than once.` });
    else found.push(column);
  }
  for (const column of columns.filter((c) => c.required && !found.includes(c.name)))
    errors.push({
      line: HEADER_LINE,
      column: column.name,
      message: `The required column "${column.name}" is missing.`,
    });
  return { columns: found, errors };
}

type CsvRecords = ReturnType<typeof parseCsv>;

function isBlank(record: CsvRecords[number]): boolean {
  return record.fields.every((field) => field.trim() === '');
}

function rowsOf(records: CsvRecords, columns: string[]): { rows: Row[]; errors: ImportRowError[] } {
  const rows: Row[] = [];
  const errors: ImportRowError[] = [];
  for (const { line, fields } of records) {
    if (fields.length === columns.length)
      rows.push({ line, values: Object.fromEntries(columns.map((column, at) => [column, fields[at]])) });
    else
      errors.push({
        line,
        column: null,
        message: `This row has ${fields.length} fields but the header has ${columns.length}.`,
      });
  }
  return { rows, errors };
}

function fileError(message: string, line = HEADER_LINE, rowCount = 0): Table {
  return { rows: [], rowCount, errors: [{ line, column: null, message }] };
}

/** The file's data rows by column; blank lines and rows are skipped, every other row is read or reported. */
function readTable(text: string, kind: ImportKind): Table {
  let records: CsvRecords;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fileError(error.message, error.line);
    throw error;
  }
  const [header, ...rest] = records;
  if (!header) return fileError('The file is empty: it needs a header row.');
  const body = rest.filter((record) => !isBlank(record));
  if (body.length > MAX_CSV_ROWS)
    return fileError(
      `The file has more than ${MAX_CSV_ROWS.toLocaleString('en')} rows: split it into smaller files.`,
      HEADER_LINE,
      body.length,
    );
  const { columns, errors } = readHeader(header.fields, kind);
  if (errors.length > 0) return { rows: [], rowCount: body.length, errors };
  return { ...rowsOf(body, columns), rowCount: body.length };
}

// ——— Identities ——————————————————————————————————————————————————————————————————————

type CheckedIdentities = { kind: 'identities'; errors: ImportRowError[]; plan: NhiUpsertPlan };

function rowErrorsOf(issues: ItemIssue[], rows: Row[]): ImportRowError[] {
  return issues.map((issue) => ({ line: rows[issue.index].line, column: issue.field, message: issue.message }));
}

async function checkIdentities(db: Reader, rows: Row[]): Promise<CheckedIdentities> {
  const { parsed, issues } = parseUpsertItems(
    rows.map((row) => row.values),
    (index) => `line ${rows[index].line}`,
  );
  const plan = await planNhiUpsert(db, parsed);
  return { kind: 'identities', errors: rowErrorsOf([...issues, ...plan.issues], rows), plan };
}

// ——— Credentials —————————————————————————————————————————————————————————————————————

type NhiRef = { system: string; externalId: string };
type PendingCredential = {
  index: number;
  fields: CreateCredentialInput;
  subject: { email: string } | NhiRef;
  holder: NhiRef | null;
};
type CheckedCredentials = { kind: 'credentials'; errors: ImportRowError[]; creates: CreateCredentialInput[] };

/** Stands in for subject and holder ids while the other fields are checked; they are looked up afterwards. */
const RESOLVED_LATER = 'resolved-later';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_COLUMNS = ['issuedAt', 'expiresAt', 'lastRotatedAt'] as const;

function parseNhiRef(value: string): NhiRef | null {
  const colon = value.indexOf(':');
  const system = systemSchema.safeParse(value.slice(0, Math.max(colon, 0)));
  const externalId = value.slice(colon + 1).trim();
  return colon > 0 && system.success && externalId ? { system: system.data, externalId } : null;
}

const NHI_REF_HELP = 'Give an identity as system:externalId, e.g. github:release-bot.';

function parseRefs(index: number, values: Record<string, string>, subjectType: string) {
  const issues: ItemIssue[] = [];
  const subjectValue = values.subject?.trim() ?? '';
  let subject: PendingCredential['subject'] | null = null;
  if (subjectType === 'HUMAN') {
    const email = sponsorEmailSchema.safeParse(subjectValue);
    if (email.success) subject = { email: email.data };
    else issues.push({ index, field: 'subject', message: "Give the person's email address." });
  } else if (subjectType === 'NHI') {
    subject = parseNhiRef(subjectValue);
    if (!subject) issues.push({ index, field: 'subject', message: NHI_REF_HELP });
  }
  const holderValue = values.holder?.trim() ?? '';
  const holder = holderValue ? parseNhiRef(holderValue) : null;
  if (holderValue && !holder) issues.push({ index, field: 'holder', message: NHI_REF_HELP });
  return { subject, holder, issues };
}

function dateIssues(index: number, values: Record<string, string>): ItemIssue[] {
  return DATE_COLUMNS.filter((column) => values[column]?.trim() && !ISO_DATE.test(values[column].trim())).map(
    (column) => ({ index, field: column, message: `Use an ISO 8601 date: ${ISO_DATE_EXAMPLE}.` }),
  );
}

function parseCredentialRow(
  index: number,
  values: Record<string, string>,
): { pending: PendingCredential | null; issues: ItemIssue[] } {
  const { subject: _subject, holder: _holder, ...fields } = values;
  const badDates = dateIssues(index, values);
  const parsed = createCredentialSchema.safeParse({
    ...fields,
    ...Object.fromEntries(badDates.map((issue) => [issue.field, undefined])),
    subjectId: RESOLVED_LATER,
    holderNhiId: values.holder?.trim() ? RESOLVED_LATER : undefined,
  });
  const refs = parseRefs(index, values, parsed.success ? parsed.data.subjectType : (values.subjectType ?? ''));
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ index, field: String(issue.path[0]), message: issue.message }));
  const issues = [...schemaIssues, ...badDates, ...refs.issues];
  if (!parsed.success || !refs.subject || issues.length > 0) return { pending: null, issues };
  return { pending: { index, fields: parsed.data, subject: refs.subject, holder: refs.holder }, issues: [] };
}

type References = { humans: Map<string, string>; nhis: Map<string, string>; fingerprints: Set<string> };

async function readReferences(db: Reader, pending: PendingCredential[]): Promise<References> {
  const emails = [...new Set(pending.flatMap(({ subject }) => ('email' in subject ? [subject.email] : [])))];
  const refs = pending.flatMap(({ subject, holder }) => [
    ...('email' in subject ? [] : [subject]),
    ...(holder ? [holder] : []),
  ]);
  const fingerprints = pending.map(({ fields }) => fields.fingerprint);
  // One query at a time: `db` may be a transaction, which runs its queries in turn on one connection.
  const humans = await inChunks(emails, (chunk) =>
    db.human.findMany({ where: { email: { in: chunk } }, select: { id: true, email: true } }),
  );
  const nhis = await inChunks(refs, (chunk) =>
    db.nhi.findMany({
      where: {
        system: { in: [...new Set(chunk.map((ref) => ref.system))] },
        externalId: { in: chunk.map((ref) => ref.externalId) },
      },
      select: { id: true, system: true, externalId: true },
    }),
  );
  const existing = await inChunks(fingerprints, (chunk) =>
    db.credential.findMany({ where: { fingerprint: { in: chunk } }, select: { fingerprint: true } }),
  );
  return {
    humans: new Map(humans.map((human) => [human.email, human.id])),
    nhis: new Map(nhis.map((nhi) => [upsertKey(nhi), nhi.id])),
    fingerprints: new Set(existing.map((credential) => credential.fingerprint)),
  };
}

function resolve(
  { index, fields, subject, holder }: PendingCredential,
  references: References,
): { input: CreateCredentialInput } | { issues: ItemIssue[] } {
  const issues: ItemIssue[] = [];
  const subjectId = 'email' in subject ? references.humans.get(subject.email) : references.nhis.get(upsertKey(subject));
  if (!subjectId)
    issues.push({
      index,
      field: 'subject',
      message:
        'email' in subject
          ? 'No person with this email is in Steward.'
          : `No identity ${subject.system}:${subject.externalId} is in Steward: import it first.`,
    });
  const holderNhiId = holder ? references.nhis.get(upsertKey(holder)) : null;
  if (holder && !holderNhiId)
    issues.push({
      index,
      field: 'holder',
      message: `No identity ${holder.system}:${holder.externalId} is in Steward: import it first.`,
    });
  if (references.fingerprints.has(fields.fingerprint))
    issues.push({
      index,
      field: 'fingerprint',
      message: 'A credential with this fingerprint is already in the inventory.',
    });
  if (!subjectId || issues.length > 0) return { issues };
  return { input: { ...fields, subjectId, holderNhiId: holderNhiId ?? null } };
}

async function checkCredentials(db: Reader, rows: Row[]): Promise<CheckedCredentials> {
  const issues: ItemIssue[] = [];
  const pending: PendingCredential[] = [];
  rows.forEach((row, index) => {
    const parsed = parseCredentialRow(index, row.values);
    if (parsed.pending) pending.push(parsed.pending);
    issues.push(...parsed.issues);
  });
  const { unique, issues: repeats } = withoutRepeats(
    pending,
    ({ fields }) => fields.fingerprint,
    ({ index }, first) => ({
      index,
      field: 'fingerprint',
      message: `The same fingerprint as line ${rows[first].line}: each credential may appear only once.`,
    }),
  );
  issues.push(...repeats);
  const references = await readReferences(db, unique);
  const creates: CreateCredentialInput[] = [];
  for (const entry of unique) {
    const resolved = resolve(entry, references);
    if ('input' in resolved) creates.push(resolved.input);
    else issues.push(...resolved.issues);
  }
  return { kind: 'credentials', errors: rowErrorsOf(issues, rows), creates };
}

async function createCredentials(tx: Tx, inputs: CreateCredentialInput[]) {
  const importedAt = new Date();
  const created = await inChunks(inputs, (chunk) =>
    tx.credential.createManyAndReturn({
      data: chunk.map((input) => credentialColumns(input, importedAt)),
      select: { id: true, name: true, kind: true, subjectHumanId: true, subjectNhiId: true, holderNhiId: true },
    }),
  );
  const nhiIds = created.flatMap((credential) => [credential.subjectNhiId, credential.holderNhiId]);
  await recomputeInChunks(tx, {
    credentialIds: created.map((credential) => credential.id),
    nhiIds: nhiIds.filter((id): id is string => id !== null),
  });
  return created;
}

// ——— Preview and apply ———————————————————————————————————————————————————————————————

type Checked = (CheckedIdentities | CheckedCredentials) & { rows: number };

/** By line, then in the order of the columns. */
function sortErrors(errors: ImportRowError[], kind: ImportKind): ImportRowError[] {
  const names = IMPORT_FORMATS[kind].columns.map((column) => column.name);
  const rank = (error: ImportRowError) => (error.column === null ? -1 : names.indexOf(error.column));
  return [...errors].sort((a, b) => a.line - b.line || rank(a) - rank(b));
}

async function check(db: Reader, kind: ImportKind, text: string): Promise<Checked> {
  const table = readTable(text, kind);
  const checked =
    kind === 'identities' ? await checkIdentities(db, table.rows) : await checkCredentials(db, table.rows);
  return { ...checked, rows: table.rowCount, errors: sortErrors([...table.errors, ...checked.errors], kind) };
}

function counts(checked: Checked) {
  if (checked.kind === 'credentials') return { created: checked.creates.length, updated: 0, unchanged: 0 };
  const { plan } = checked;
  return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
}

function readFile(data: Uint8Array): { text: string; digest: string } {
  if (data.byteLength > MAX_CSV_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MiB: split it.`,
      413,
    );
  if (data.byteLength === 0) throw new AppError('INVALID_INPUT', 'The file is empty.', 422);
  return { text: decode(data), digest: createHash('sha256').update(data).digest('hex') };
}

function summary(checked: Checked, kind: ImportKind, fileName: string, digest: string): ImportPreview {
  return {
    kind,
    fileName,
    digest,
    rows: checked.rows,
    ...counts(checked),
    invalidRows: new Set(checked.errors.map((error) => error.line)).size,
    errorCount: checked.errors.length,
    errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
  };
}

/** Parses and checks every row of the file and says what importing it would do. Writes nothing. */
export async function previewInventoryImport(actor: Actor, input: unknown, data: Uint8Array): Promise<ImportPreview> {
  requireHuman(actor, 'inventory.manage');
  const { kind, fileName } = parseInput(previewImportSchema, input);
  const { text, digest } = readFile(data);
  return summary(await check(await getDb(), kind, text), kind, fileName, digest);
}

/** Writes the checked rows and records one event on each NHI or credential it created or changed. */
async function write(tx: Tx, checked: Checked, audit: UseCaseContext<unknown>['audit'], digest: string) {
  if (checked.kind !== 'credentials') return auditUpserts(audit, await applyNhiUpsert(tx, checked.plan), 'csv', digest);
  const created = await createCredentials(tx, checked.creates);
  for (const credential of created)
    audit(AUDIT_ACTIONS.credentialCreated, `credential:${credential.id}`, {
      kind: credential.kind,
      name: credential.name,
      subjectHumanId: credential.subjectHumanId,
      subjectNhiId: credential.subjectNhiId,
      holderNhiId: credential.holderNhiId,
    });
}

/**
 * Checks the file again from scratch (a preview proves nothing about the file sent now) and imports every row
 * in one transaction, with one audit event; any invalid row refuses the whole file.
 */
export async function applyInventoryImport(actor: Actor, input: unknown, data: Uint8Array): Promise<ImportResult> {
  return importFile(actor, Object.assign({}, input, { data }));
}

const importFile = personUseCase({
  permission: 'inventory.manage',
  input: applyImportSchema.extend({ data: z.instanceof(Uint8Array) }),
  run: async ({ tx, audit }, { kind, fileName, digest: previewed, data }) => {
    const { text, digest } = readFile(data);
    if (digest !== previewed) throw conflict('The file changed since its preview: preview it again.');
    const checked = await check(tx, kind, text);
    if (checked.errors.length > 0) {
      const preview = summary(checked, kind, fileName, digest);
      throw new AppError(
        'INVALID_INPUT',
        `${preview.invalidRows} ${preview.invalidRows === 1 ? 'row has' : 'rows have'} errors: nothing was imported.`,
        422,
        { preview },
      );
    }
    await write(tx, checked, audit, digest);
    const result: ImportResult = { kind, fileName, rows: checked.rows, ...counts(checked) };
    audit(AUDIT_ACTIONS.inventoryImported, null, { ...result, sha256: digest });
    return result;
  },
});
