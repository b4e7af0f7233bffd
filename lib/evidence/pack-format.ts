import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CHAINED_EVENT_COLUMNS, type StoredEvent } from '../audit/chain';
import type { SignedCheckpoint } from '../audit/checkpoint-signature';
import type { EvidenceRange } from './range';

/**
 * The evidence pack's format, shared by the server that writes packs and the offline verifier: pure, no database.
 *
 * A pack is one JSON document written in its RFC 8785 canonical form (sorted keys, no spaces), so every byte of the
 * file is determined by its content. `signature` signs the SHA-256 (hex, as ASCII text) of the canonical JSON of
 * everything else; `files` holds the SHA-256 of the CSV forms, which are functions of `events` and `controls`.
 */

export const PACK_FORMAT = 'steward-evidence-pack/1';

export const CONTROL_STATUSES = ['met', 'gap', 'not_applicable'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export type EvidenceLink = { label: string; href: string };

export type ControlResult = {
  id: string;
  framework: string;
  title: string;
  status: ControlStatus;
  rationale: string;
  evidence: EvidenceLink[];
};

/** Where the events sit in the chain: `prevHash` is the hash the first event links to. Nulls when the range is empty. */
export type PackChain = {
  eventCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  prevHash: string | null;
  lastHash: string | null;
};

export type PackPrincipal = { type: string; id: string | null; label: string | null };

export type PackPublicKey = { algorithm: 'Ed25519'; keyId: string; pem: string };

export type FileDigest = { bytes: number; sha256: string };

export const PACK_FILES = ['controls.csv', 'events.csv'] as const;
export type PackFileName = (typeof PACK_FILES)[number];

export type PackSignature = { algorithm: 'Ed25519'; keyId: string; digest: string; value: string };

export type EvidencePack = {
  chain: PackChain;
  checkpoint: SignedCheckpoint;
  controls: ControlResult[];
  events: StoredEvent[];
  files: Record<PackFileName, FileDigest>;
  format: typeof PACK_FORMAT;
  generatedAt: string;
  generatedBy: PackPrincipal;
  publicKey: PackPublicKey;
  range: EvidenceRange;
  signature: PackSignature;
};

export type UnsignedPack = Omit<EvidencePack, 'signature'>;

/** The pack's members in RFC 8785 order; `signature` sorts last, so the signed text is the unsigned one plus it. */
export const PACK_KEYS = [
  'chain',
  'checkpoint',
  'controls',
  'events',
  'files',
  'format',
  'generatedAt',
  'generatedBy',
  'publicKey',
  'range',
  'signature',
] as const satisfies readonly (keyof EvidencePack)[];

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('The value has no JSON form.');
  return text;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const json = JSON.stringify;

/**
 * An event's canonical JSON (RFC 8785), written out with its keys in RFC 8785 order because a pack can hold hundreds
 * of thousands of events; a unit test holds it equal to `canonicalize` of the same event.
 */
export function canonicalEventJson(event: StoredEvent): string {
  return (
    `{"action":${json(event.action)},"attribution":${json(event.attribution)}` +
    `,"credentialId":${json(event.credentialId)},"credentialKind":${json(event.credentialKind)}` +
    `,"credentialSubjectType":${json(event.credentialSubjectType)},"details":${json(event.details)}` +
    `,"environment":${json(event.environment)},"executorId":${json(event.executorId)}` +
    `,"executorLabel":${json(event.executorLabel)},"executorType":${json(event.executorType)}` +
    `,"hash":${json(event.hash)},"hashVersion":${json(event.hashVersion)}` +
    `,"initiatorId":${json(event.initiatorId)},"initiatorLabel":${json(event.initiatorLabel)}` +
    `,"initiatorType":${json(event.initiatorType)},"occurredAt":${json(event.occurredAt)}` +
    `,"outcome":${json(event.outcome)},"prevHash":${json(event.prevHash)},"recordedAt":${json(event.recordedAt)}` +
    `,"resource":${json(event.resource)},"scopeId":${json(event.scopeId)},"seq":${json(event.seq)}` +
    `,"source":${json(event.source)},"sourceEventId":${json(event.sourceEventId)}}`
  );
}

/** The bytes the pack's signature covers: the digest of the unsigned pack's canonical JSON, as ASCII hex. */
export function signedMessage(digest: string): Buffer {
  return Buffer.from(digest, 'ascii');
}

/** The canonical text of the members before `events`, up to and including the events array's opening bracket. */
export function packHead(pack: Pick<UnsignedPack, 'chain' | 'checkpoint' | 'controls'>): string {
  return (
    `{"chain":${canonicalJson(pack.chain)},"checkpoint":${canonicalJson(pack.checkpoint)}` +
    `,"controls":${canonicalJson(pack.controls)},"events":[`
  );
}

/** The canonical text after the events array's last event, up to (not including) the closing brace. */
export function packTail(pack: Omit<UnsignedPack, 'chain' | 'checkpoint' | 'controls' | 'events'>): string {
  return (
    `],"files":${canonicalJson(pack.files)},"format":${canonicalJson(pack.format)}` +
    `,"generatedAt":${canonicalJson(pack.generatedAt)},"generatedBy":${canonicalJson(pack.generatedBy)}` +
    `,"publicKey":${canonicalJson(pack.publicKey)},"range":${canonicalJson(pack.range)}`
  );
}

export function signatureMember(signature: PackSignature): string {
  return `,"signature":${canonicalJson(signature)}}`;
}

export const UNSIGNED_END = '}';

// CSV (RFC 4180, CRLF). Cells a spreadsheet would run as a formula start with a quote, as in Steward's other exports.
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_TRIGGERS.some((trigger) => value.startsWith(trigger)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** events.csv: every stored column of each event, in the chain's column order. */
export const EVENTS_CSV_HEADER = csvRow(CHAINED_EVENT_COLUMNS);

export function eventCsvRow(event: StoredEvent): string {
  return csvRow(CHAINED_EVENT_COLUMNS.map((column) => event[column]));
}

export function controlsCsv(controls: readonly ControlResult[]): string {
  return (
    csvRow(['id', 'framework', 'title', 'status', 'rationale', 'evidence']) +
    controls
      .map((control) =>
        csvRow([
          control.id,
          control.framework,
          control.title,
          control.status,
          control.rationale,
          control.evidence.map((link) => link.href).join(' '),
        ]),
      )
      .join('')
  );
}

export function fileDigest(text: string): FileDigest {
  return { bytes: Buffer.byteLength(text, 'utf8'), sha256: sha256Hex(text) };
}
