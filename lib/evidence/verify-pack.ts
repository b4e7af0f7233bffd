import { createHash, createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { chainHash, isKnownHashVersion, type StoredEvent, type UnhashedEvent } from '../audit/chain';
import { publicKeyId, verifyCheckpointSignature } from '../audit/checkpoint-signature';
import {
  canonicalEventJson,
  CONTROL_STATUSES,
  controlsCsv,
  EVENTS_CSV_HEADER,
  eventCsvRow,
  fileDigest,
  PACK_FILES,
  PACK_FORMAT,
  PACK_KEYS,
  packHead,
  packTail,
  sha256Hex,
  signatureMember,
  signedMessage,
  UNSIGNED_END,
  type EvidencePack,
  type FileDigest,
  type PackFileName,
} from './pack-format';
import { resolveRange } from './range';

/**
 * Verifies an evidence pack offline: no database, no server code, only the pack (and its CSV files when given).
 * Every check is listed with what it found, so an auditor sees what holds and what does not.
 */

export type PackCheck = { check: string; ok: boolean; detail: string };

export type PackVerification = {
  ok: boolean;
  checks: PackCheck[];
  /** What the pack covers, when it could be read. */
  summary: {
    from: string;
    to: string;
    events: number;
    firstSeq: number | null;
    lastSeq: number | null;
    checkpointSeq: number;
    keyId: string;
    generatedAt: string;
  } | null;
};

export type VerifyPackOptions = {
  /** The CSV forms as downloaded, to compare with the digests the pack signs. */
  files?: Partial<Record<PackFileName, Uint8Array | string>>;
  /** The key Steward publishes (evidence page, /.well-known/steward-checkpoint-key): PEM or its keyId. */
  trustedKey?: string;
};

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const hex64 = z.string().regex(HEX64);
const nullableText = z.string().nullable();

const eventSchema = z.strictObject({
  seq: z.number().int().min(1),
  occurredAt: z.string(),
  recordedAt: z.string(),
  source: z.string(),
  sourceEventId: nullableText,
  action: z.string(),
  resource: nullableText,
  outcome: z.string(),
  initiatorType: z.string(),
  initiatorId: nullableText,
  initiatorLabel: nullableText,
  executorType: z.string(),
  executorId: nullableText,
  executorLabel: nullableText,
  credentialId: nullableText,
  credentialKind: nullableText,
  credentialSubjectType: nullableText,
  attribution: z.string(),
  scopeId: nullableText,
  environment: nullableText,
  details: z.string(),
  hashVersion: z.number().int(),
  prevHash: z.string(),
  hash: z.string(),
});

const digestSchema = z.strictObject({ bytes: z.number().int().min(0), sha256: hex64 });

const packSchema = z.strictObject({
  chain: z.strictObject({
    eventCount: z.number().int().min(0),
    firstSeq: z.number().int().min(1).nullable(),
    lastSeq: z.number().int().min(1).nullable(),
    prevHash: hex64.nullable(),
    lastHash: hex64.nullable(),
  }),
  checkpoint: z.strictObject({
    seq: z.number().int().min(0),
    hash: hex64,
    signedAt: z.string(),
    reason: z.enum(['schedule', 'export', 'manual']),
    keyId: hex64,
    signature: z.string(),
  }),
  controls: z.array(
    z.strictObject({
      id: z.string(),
      framework: z.string(),
      title: z.string(),
      status: z.enum(CONTROL_STATUSES),
      rationale: z.string(),
      evidence: z.array(z.strictObject({ label: z.string(), href: z.string() })),
    }),
  ),
  events: z.array(eventSchema),
  files: z.strictObject({ 'controls.csv': digestSchema, 'events.csv': digestSchema }),
  format: z.literal(PACK_FORMAT),
  generatedAt: z.string(),
  generatedBy: z.strictObject({ type: z.string(), id: nullableText, label: nullableText }),
  publicKey: z.strictObject({ algorithm: z.literal('Ed25519'), keyId: hex64, pem: z.string() }),
  range: z.strictObject({ from: z.string(), to: z.string(), start: z.string(), endExclusive: z.string() }),
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    keyId: hex64,
    digest: hex64,
    value: z.string(),
  }),
});

/** A date written exactly as Steward writes dates (`toISOString`), so that it has one spelling only. */
function isIsoUtc(value: string): boolean {
  if (!ISO_UTC.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/** Base64 exactly as Node writes it: other spellings of the same bytes (stray padding bits) are edits too. */
function isCanonicalBase64(value: string, bytes: number): boolean {
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === bytes && decoded.toString('base64') === value;
}

class Checks {
  readonly list: PackCheck[] = [];

  add(check: string, ok: boolean, detail: string): boolean {
    this.list.push({ check, ok, detail });
    return ok;
  }

  get ok(): boolean {
    return this.list.length > 0 && this.list.every((check) => check.ok);
  }
}

function readPack(bytes: Uint8Array | string, checks: Checks): { pack: EvidencePack; text: string } | null {
  let text: string;
  let parsed: unknown;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    parsed = JSON.parse(text);
  } catch {
    checks.add('readable', false, 'The pack is not valid UTF-8 JSON.');
    return null;
  }
  const result = packSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    checks.add(
      'readable',
      false,
      `The pack is not a ${PACK_FORMAT} document: ${issue.path.join('.') || 'the top level'}: ${issue.message}`,
    );
    return null;
  }
  checks.add('readable', true, `A ${PACK_FORMAT} document with the members ${PACK_KEYS.join(', ')}.`);
  return { pack: result.data as EvidencePack, text };
}

/**
 * Compares the file with the canonical JSON of its content piece by piece (a pack can be a hundred megabytes, so
 * the canonical text is never built whole), and hashes the unsigned part on the way: the digest the signature signs.
 */
function checkCanonical(pack: EvidencePack, text: string, checks: Checks): string {
  const digest = createHash('sha256');
  let offset = 0;
  let canonical = true;
  const piece = (part: string, signed = true) => {
    if (signed) digest.update(part);
    if (canonical && text.startsWith(part, offset)) offset += part.length;
    else canonical = false;
  };
  piece(packHead(pack));
  pack.events.forEach((event, index) => piece((index === 0 ? '' : ',') + canonicalEventJson(event)));
  piece(packTail(pack));
  digest.update(UNSIGNED_END);
  piece(signatureMember(pack.signature), false);
  canonical &&= offset === text.length;
  checks.add(
    'canonical form',
    canonical,
    canonical
      ? 'The file is exactly the RFC 8785 canonical JSON of its content, so no byte can change without changing the content.'
      : 'The file is not in RFC 8785 canonical form (whitespace, key order or number and string spelling differ): it was edited after export.',
  );
  return digest.digest('hex');
}

function checkPublicKey(pack: EvidencePack, checks: Checks, trustedKey: string | undefined): boolean {
  let keyId: string;
  try {
    const key = createPublicKey(pack.publicKey.pem);
    if (key.asymmetricKeyType !== 'ed25519') {
      return checks.add('public key', false, 'The public key in the pack is not an Ed25519 key.');
    }
    keyId = publicKeyId(key);
  } catch {
    return checks.add('public key', false, 'The public key in the pack is not a valid PEM key.');
  }
  const named = keyId === pack.publicKey.keyId && keyId === pack.signature.keyId;
  checks.add(
    'public key',
    named,
    named
      ? `Ed25519 key ${keyId}.`
      : `The key's fingerprint is ${keyId}, but the pack names ${pack.publicKey.keyId} (signature: ${pack.signature.keyId}).`,
  );
  if (trustedKey !== undefined) {
    let trustedId = trustedKey.trim();
    if (!HEX64.test(trustedId)) {
      try {
        trustedId = publicKeyId(trustedKey);
      } catch {
        return checks.add('trusted key', false, 'The trusted key given is neither a PEM public key nor a keyId.');
      }
    }
    checks.add(
      'trusted key',
      trustedId === keyId,
      trustedId === keyId
        ? 'The pack is signed with the key you trust.'
        : `The pack is signed with key ${keyId}, not with the key you trust (${trustedId}).`,
    );
  }
  return named;
}

function checkSignature(pack: EvidencePack, digest: string, checks: Checks): void {
  const { signature } = pack;
  if (digest !== signature.digest) {
    checks.add('pack signature', false, `The content's SHA-256 is ${digest}, not the signed ${signature.digest}.`);
    return;
  }
  let valid = false;
  try {
    valid =
      isCanonicalBase64(signature.value, 64) &&
      verify(null, signedMessage(digest), createPublicKey(pack.publicKey.pem), Buffer.from(signature.value, 'base64'));
  } catch {
    valid = false;
  }
  checks.add(
    'pack signature',
    valid,
    valid
      ? `Ed25519 signature over the SHA-256 ${digest} of everything else in the pack.`
      : 'The signature does not verify with the pack’s public key.',
  );
}

function checkCheckpoint(pack: EvidencePack, checks: Checks): void {
  const { checkpoint } = pack;
  const valid =
    isIsoUtc(checkpoint.signedAt) &&
    isCanonicalBase64(checkpoint.signature, 64) &&
    verifyCheckpointSignature(checkpoint, pack.publicKey.pem);
  checks.add(
    'checkpoint signature',
    valid,
    valid
      ? `Checkpoint signed at ${checkpoint.signedAt}: the chain held hash ${checkpoint.hash} at seq ${checkpoint.seq}.`
      : 'The checkpoint’s signature does not verify with the pack’s public key.',
  );
}

function toUnhashed(event: StoredEvent): UnhashedEvent {
  return {
    ...event,
    occurredAt: new Date(event.occurredAt),
    recordedAt: new Date(event.recordedAt),
  } as unknown as UnhashedEvent;
}

/** Where the events stop forming a chain, or null when each links to the one before and hashes as stored. */
function chainProblem(pack: EvidencePack): string | null {
  const { chain, events } = pack;
  if (events.length !== chain.eventCount) return `The pack says ${chain.eventCount} events but holds ${events.length}.`;
  if (events.length === 0) {
    return chain.firstSeq === null && chain.lastSeq === null && chain.prevHash === null && chain.lastHash === null
      ? null
      : 'The pack holds no events but names a place in the chain.';
  }
  if (chain.firstSeq === null || chain.lastSeq === null || chain.prevHash === null) {
    return 'The pack does not say where its events sit in the chain.';
  }
  let expected = { seq: chain.firstSeq, hash: chain.prevHash };
  for (const event of events) {
    const at = `seq ${event.seq}`;
    if (event.seq !== expected.seq) return `Event ${at} is where seq ${expected.seq} was expected (missing or moved).`;
    if (event.prevHash !== expected.hash) return `Event ${at} does not link to the event before it.`;
    if (!isKnownHashVersion(event.hashVersion)) return `Event ${at} is hashed in unknown form ${event.hashVersion}.`;
    if (!isIsoUtc(event.occurredAt) || !isIsoUtc(event.recordedAt)) {
      return `Event ${at} has a date that is not written as Steward writes dates.`;
    }
    if (chainHash(event.prevHash, toUnhashed(event)) !== event.hash) return `Event ${at} does not hash to its hash.`;
    expected = { seq: event.seq + 1, hash: event.hash };
  }
  if (expected.seq - 1 !== chain.lastSeq || expected.hash !== chain.lastHash) {
    return `The events end at seq ${expected.seq - 1}, not where the pack says (seq ${chain.lastSeq}).`;
  }
  return null;
}

function checkChain(pack: EvidencePack, checks: Checks): void {
  const problem = chainProblem(pack);
  const { chain } = pack;
  checks.add(
    'event chain',
    problem === null,
    problem ??
      (chain.eventCount === 0
        ? 'The range holds no events.'
        : `${chain.eventCount} events, seq ${chain.firstSeq}–${chain.lastSeq}: each links to the one before and hashes to its stored hash.`),
  );
  const { checkpoint } = pack;
  if (chain.lastSeq === null) return;
  if (checkpoint.seq === chain.lastSeq) {
    checks.add(
      'checkpoint covers the events',
      checkpoint.hash === chain.lastHash,
      checkpoint.hash === chain.lastHash
        ? `The signed checkpoint is the hash of the last event (seq ${checkpoint.seq}): the signature covers every event.`
        : `The signed checkpoint at seq ${checkpoint.seq} has another hash than the pack's last event.`,
    );
  } else {
    checks.add(
      'checkpoint covers the events',
      checkpoint.seq > chain.lastSeq,
      checkpoint.seq > chain.lastSeq
        ? `The signed checkpoint (seq ${checkpoint.seq}) comes after the last event (seq ${chain.lastSeq}); the events between them are in Steward's chain, which npm run verify checks.`
        : `The signed checkpoint (seq ${checkpoint.seq}) comes before the pack's last event (seq ${chain.lastSeq}).`,
    );
  }
}

function checkRange(pack: EvidencePack, checks: Checks): void {
  let expected: ReturnType<typeof resolveRange> | null = null;
  try {
    expected = resolveRange(pack.range.from, pack.range.to);
  } catch {
    expected = null;
  }
  if (!expected || expected.start !== pack.range.start || expected.endExclusive !== pack.range.endExclusive) {
    checks.add('range', false, 'The range’s instants do not match its from and to.');
    return;
  }
  const outside = pack.events.find(
    (event) => event.recordedAt < pack.range.start || event.recordedAt >= pack.range.endExclusive,
  );
  checks.add(
    'range',
    !outside,
    outside
      ? `Event seq ${outside.seq} was recorded at ${outside.recordedAt}, outside the range.`
      : `Every event was recorded from ${pack.range.start} up to ${pack.range.endExclusive} (exclusive).`,
  );
}

/** The digest of the events' CSV form, row by row. */
function eventsCsvDigest(events: StoredEvent[]): FileDigest {
  const hash = createHash('sha256').update(EVENTS_CSV_HEADER);
  let bytes = Buffer.byteLength(EVENTS_CSV_HEADER);
  for (const event of events) {
    const row = eventCsvRow(event);
    hash.update(row);
    bytes += Buffer.byteLength(row);
  }
  return { bytes, sha256: hash.digest('hex') };
}

function checkFiles(pack: EvidencePack, checks: Checks, files: VerifyPackOptions['files']): void {
  const forms: Record<PackFileName, FileDigest> = {
    'controls.csv': fileDigest(controlsCsv(pack.controls)),
    'events.csv': eventsCsvDigest(pack.events),
  };
  for (const name of PACK_FILES) {
    const signed = pack.files[name];
    const derived = forms[name];
    const same = derived.sha256 === signed.sha256 && derived.bytes === signed.bytes;
    checks.add(
      `${name} digest`,
      same,
      same
        ? `The signed SHA-256 of ${name} is that of the CSV form of the pack's ${name === 'events.csv' ? 'events' : 'controls'}.`
        : `The signed SHA-256 of ${name} is not that of the pack's own ${name === 'events.csv' ? 'events' : 'controls'}.`,
    );
    const given = files?.[name];
    if (given === undefined) continue;
    const actual = sha256Hex(given);
    checks.add(
      `${name} file`,
      actual === signed.sha256,
      actual === signed.sha256
        ? `${name} matches the signed SHA-256 ${signed.sha256}.`
        : `${name} has SHA-256 ${actual}, not the signed ${signed.sha256}: it was edited, or it comes from another export.`,
    );
  }
}

export function verifyEvidencePack(bytes: Uint8Array | string, options: VerifyPackOptions = {}): PackVerification {
  const checks = new Checks();
  const read = readPack(bytes, checks);
  if (!read) return { ok: false, checks: checks.list, summary: null };
  const { pack, text } = read;
  const digest = checkCanonical(pack, text, checks);
  if (checkPublicKey(pack, checks, options.trustedKey)) {
    checkSignature(pack, digest, checks);
    checkCheckpoint(pack, checks);
  }
  checkChain(pack, checks);
  checkRange(pack, checks);
  checkFiles(pack, checks, options.files);
  return {
    ok: checks.ok,
    checks: checks.list,
    summary: {
      from: pack.range.from,
      to: pack.range.to,
      events: pack.chain.eventCount,
      firstSeq: pack.chain.firstSeq,
      lastSeq: pack.chain.lastSeq,
      checkpointSeq: pack.checkpoint.seq,
      keyId: pack.publicKey.keyId,
      generatedAt: pack.generatedAt,
    },
  };
}
