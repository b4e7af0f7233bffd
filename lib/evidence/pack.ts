import 'server-only';
import { createHash, sign } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH, type StoredEvent } from '../audit/chain';
import { openChainReader } from '../audit/chain-reader';
import { checkpointInTransaction, checkpointPublicKey, type SignedCheckpoint } from '../audit/checkpoint';
import { checkpointSigningKey, rememberCheckpoint } from '../audit/signing-key';
import { humanPrincipal, type Actor } from '../auth/actor';
import { getDb, type Db, type Tx } from '../db';
import { databaseUrl } from '../db/flavor';
import { AppError } from '../errors';
import { keyPrincipal, keyUseCase, personUseCase, type UseCaseContext } from '../use-case';
import { evaluateControls } from './control-rules';
import { gatherControlFacts } from './controls';
import {
  canonicalEventJson,
  controlsCsv,
  EVENTS_CSV_HEADER,
  eventCsvRow,
  fileDigest,
  PACK_FORMAT,
  packHead,
  packTail,
  signatureMember,
  signedMessage,
  type ControlResult,
  type PackChain,
  type PackPrincipal,
  type UnsignedPack,
} from './pack-format';
import { resolveRange, withRange, type EvidenceRange } from './range';

/**
 * Evidence packs. The export runs in one audited transaction that holds the chain's lock: it finds the events
 * recorded in the range, signs a checkpoint of the chain head, takes the controls' statuses and records the
 * export. The events are then streamed from the database page by page (they never change), twice for JSON: once
 * to compute the digest that is signed, once to send them.
 */

/** A pack carries at most this many events; a larger range is refused with a message to split it. */
export const MAX_PACK_EVENTS = 500_000;
const PAGE_SIZE = 2_000;

export const PACK_FILE_KINDS = ['events', 'controls'] as const;
export type PackFileKind = (typeof PACK_FILE_KINDS)[number];

const exportSchema = withRange({
  format: z.enum(['json', 'csv'], { error: 'Choose the format: json or csv.' }).default('json'),
  file: z.enum(PACK_FILE_KINDS, { error: 'Choose the CSV file: events or controls.' }).default('events'),
});

type ExportFields = z.output<typeof exportSchema>;

/** The seq interval of the events recorded in the range, or null when it holds none. */
type Slice = { firstSeq: number; lastSeq: number; prevHash: string };

type Prepared = {
  range: EvidenceRange;
  slice: Slice | null;
  checkpoint: SignedCheckpoint;
  controls: ControlResult[];
  generatedAt: string;
  generatedBy: PackPrincipal;
  format: ExportFields['format'];
  file: PackFileKind;
};

/**
 * The first seq in [1, headSeq] recorded at or after `instant`, or headSeq + 1. recordedAt never decreases along
 * seq (it is read under the chain's lock), so a binary search over the primary key finds it in a few lookups.
 */
async function firstRecordedFrom(tx: Tx, headSeq: number, instant: Date): Promise<number> {
  let low = 1;
  let high = headSeq + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const event = await tx.auditEvent.findUnique({ where: { seq: middle }, select: { recordedAt: true } });
    if (!event) throw new Error(`The audit chain has no event at seq ${middle}.`);
    if (event.recordedAt >= instant) high = middle;
    else low = middle + 1;
  }
  return low;
}

async function findSlice(tx: Tx, range: EvidenceRange, headSeq: number): Promise<Slice | null> {
  const firstSeq = await firstRecordedFrom(tx, headSeq, new Date(range.start));
  const lastSeq = (await firstRecordedFrom(tx, headSeq, new Date(range.endExclusive))) - 1;
  if (lastSeq < firstSeq) return null;
  const previous =
    firstSeq === 1 ? null : await tx.auditEvent.findUnique({ where: { seq: firstSeq - 1 }, select: { hash: true } });
  return { firstSeq, lastSeq, prevHash: previous?.hash ?? GENESIS_HASH };
}

async function prepare<P>(
  context: UseCaseContext<P>,
  fields: ExportFields,
  generatedBy: PackPrincipal,
): Promise<Prepared> {
  const head = await context.tx.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) throw new Error('The audit chain head is missing: the database was not migrated.');
  const range = resolveRange(fields.from, fields.to);
  const slice = await findSlice(context.tx, range, head.seq);
  const events = slice ? slice.lastSeq - slice.firstSeq + 1 : 0;
  if (events > MAX_PACK_EVENTS) {
    throw new AppError(
      'RANGE_TOO_LARGE',
      `The range holds ${events.toLocaleString('en-US')} events; a pack carries at most ${MAX_PACK_EVENTS.toLocaleString('en-US')}. Split it into shorter ranges.`,
      422,
      { events, maxEvents: MAX_PACK_EVENTS },
    );
  }
  const checkpoint = await checkpointInTransaction(context, 'export');
  const controls = evaluateControls(await gatherControlFacts(context.tx, new Date(checkpoint.signedAt), checkpoint));
  context.audit('evidence.export', `checkpoint:${checkpoint.seq}`, {
    from: fields.from,
    to: fields.to,
    events,
    checkpointSeq: checkpoint.seq,
    format: fields.format,
  });
  return {
    range,
    slice,
    checkpoint,
    controls,
    generatedAt: checkpoint.signedAt,
    generatedBy,
    format: fields.format,
    file: fields.file,
  };
}

const exportByPerson = personUseCase({
  permission: 'evidence.export',
  input: exportSchema,
  run: (context, fields) => prepare(context, fields, humanPrincipal(context.actor)),
});

const exportByKey = keyUseCase({
  permission: 'evidence.export',
  input: exportSchema,
  run: (context, fields) => prepare(context, fields, { id: null, label: null, ...keyPrincipal(context.actor) }),
});

/** The slice's events page by page, read on a connection of the chain reader's own (rows, not model objects). */
async function* eventPages(slice: Slice | null): AsyncGenerator<StoredEvent[]> {
  if (!slice) return;
  const reader = await openChainReader(databaseUrl());
  try {
    let after = slice.firstSeq - 1;
    while (after < slice.lastSeq) {
      const page = await reader.page(after, slice.lastSeq, PAGE_SIZE);
      if (page.length === 0) throw new Error(`The audit chain has no event after seq ${after}.`);
      yield page;
      after = page[page.length - 1].seq;
    }
  } finally {
    await reader.close();
  }
}

function chainOf(slice: Slice | null, lastHash: string | null): PackChain {
  if (!slice) return { eventCount: 0, firstSeq: null, lastSeq: null, prevHash: null, lastHash: null };
  return {
    eventCount: slice.lastSeq - slice.firstSeq + 1,
    firstSeq: slice.firstSeq,
    lastSeq: slice.lastSeq,
    prevHash: slice.prevHash,
    lastHash,
  };
}

async function lastHashOf(db: Db, slice: Slice | null): Promise<string | null> {
  if (!slice) return null;
  const last = await db.auditEvent.findUnique({ where: { seq: slice.lastSeq }, select: { hash: true } });
  return last?.hash ?? null;
}

type PackText = { head: string; tail: string; end: string };

/** First pass over the events: the CSV digest and the signed digest of the unsigned pack. */
async function signPack(db: Db, prepared: Prepared): Promise<PackText> {
  const { pem, keyId } = checkpointPublicKey();
  const head = packHead({
    chain: chainOf(prepared.slice, await lastHashOf(db, prepared.slice)),
    checkpoint: prepared.checkpoint,
    controls: prepared.controls,
  });
  const packHash = createHash('sha256').update(head);
  const csvHash = createHash('sha256').update(EVENTS_CSV_HEADER);
  let csvBytes = Buffer.byteLength(EVENTS_CSV_HEADER);
  let separator = '';
  for await (const page of eventPages(prepared.slice)) {
    for (const event of page) {
      packHash.update(separator + canonicalEventJson(event));
      separator = ',';
      const row = eventCsvRow(event);
      csvHash.update(row);
      csvBytes += Buffer.byteLength(row);
    }
  }
  const rest: Omit<UnsignedPack, 'chain' | 'checkpoint' | 'controls' | 'events'> = {
    files: {
      'controls.csv': fileDigest(controlsCsv(prepared.controls)),
      'events.csv': { bytes: csvBytes, sha256: csvHash.digest('hex') },
    },
    format: PACK_FORMAT,
    generatedAt: prepared.generatedAt,
    generatedBy: prepared.generatedBy,
    publicKey: { algorithm: 'Ed25519', keyId, pem },
    range: prepared.range,
  };
  const tail = packTail(rest);
  const digest = packHash.update(tail).update('}').digest('hex');
  const value = sign(null, signedMessage(digest), checkpointSigningKey().privateKey).toString('base64');
  return { head, tail, end: signatureMember({ algorithm: 'Ed25519', keyId, digest, value }) };
}

function textStream(chunks: () => AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncGenerator<string> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= chunks();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator?.return(undefined);
    },
  });
}

async function* packChunks(prepared: Prepared, text: PackText): AsyncGenerator<string> {
  yield text.head;
  let separator = '';
  for await (const page of eventPages(prepared.slice)) {
    yield page.map((event, index) => (index === 0 ? separator : ',') + canonicalEventJson(event)).join('');
    separator = ',';
  }
  yield text.tail + text.end;
}

async function* eventsCsvChunks(prepared: Prepared): AsyncGenerator<string> {
  yield EVENTS_CSV_HEADER;
  for await (const page of eventPages(prepared.slice)) yield page.map(eventCsvRow).join('');
}

export type EvidenceExport = {
  filename: string;
  contentType: string;
  stream: ReadableStream<Uint8Array>;
  events: number;
  checkpoint: SignedCheckpoint;
};

function fileStem(range: EvidenceRange): string {
  const part = (value: string) => value.replace(/[^0-9A-Za-z]+/g, '-').replace(/-+$/, '');
  return `steward-evidence-${part(range.from)}_${part(range.to)}`;
}

/**
 * Exports the evidence for a range (`from`, `to`: UTC days, inclusive, or ISO datetimes) as a signed JSON pack,
 * or as one of its CSV forms (`format: 'csv'`, `file: 'events' | 'controls'`). Auditors and the security team,
 * or an audit key. Bad ranges are refused (422) before anything is written.
 */
export async function exportEvidence(actor: Actor, input: unknown): Promise<EvidenceExport> {
  const prepared = actor.kind === 'key' ? await exportByKey(actor, input) : await exportByPerson(actor, input);
  rememberCheckpoint(prepared.checkpoint);
  const db = await getDb();
  const events = prepared.slice ? prepared.slice.lastSeq - prepared.slice.firstSeq + 1 : 0;
  const stem = fileStem(prepared.range);
  const common = { events, checkpoint: prepared.checkpoint };
  if (prepared.format === 'csv') {
    const csv = 'text/csv; charset=utf-8';
    if (prepared.file === 'controls') {
      const text = controlsCsv(prepared.controls);
      return {
        ...common,
        filename: `${stem}-controls.csv`,
        contentType: csv,
        stream: textStream(async function* () {
          yield text;
        }),
      };
    }
    return {
      ...common,
      filename: `${stem}-events.csv`,
      contentType: csv,
      stream: textStream(() => eventsCsvChunks(prepared)),
    };
  }
  const text = await signPack(db, prepared);
  return {
    ...common,
    filename: `${stem}.json`,
    contentType: 'application/json',
    stream: textStream(() => packChunks(prepared, text)),
  };
}
