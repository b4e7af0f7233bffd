import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toStoredEvent, type StoredEvent } from '../../lib/audit/chain';
import { publicKeyId, signCheckpointMessage, type SignedCheckpoint } from '../../lib/audit/checkpoint-signature';
import { evaluateControls, type ControlFacts } from '../../lib/evidence/control-rules';
import {
  canonicalEventJson,
  canonicalJson,
  controlsCsv,
  EVENTS_CSV_HEADER,
  eventCsvRow,
  fileDigest,
  PACK_FORMAT,
  packHead,
  packTail,
  sha256Hex,
  signatureMember,
  signedMessage,
  type ControlResult,
  type EvidencePack,
  type UnsignedPack,
} from '../../lib/evidence/pack-format';
import { resolveRange } from '../../lib/evidence/range';
import { verifyEvidencePack } from '../../lib/evidence/verify-pack';
import { buildChain } from '../support/chain-fixtures';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const PEM = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const KEY_ID = publicKeyId(publicKey);

const CONTROLS: ControlResult[] = [
  {
    id: 'NHI1',
    framework: 'OWASP NHI Top 10 (2025)',
    title: 'Improper Offboarding',
    status: 'gap',
    rationale: '1 credential whose subject is an offboarded person is still active.',
    evidence: [{ label: 'Offboarded people', href: '/inventory/people?status=offboarded' }],
  },
  {
    id: 'ASI01',
    framework: 'OWASP Top 10 for Agentic Applications (2026)',
    title: 'Agent Goal Hijack',
    status: 'not_applicable',
    rationale: 'Steward does not see prompts, "quotes", or é.',
    evidence: [],
  },
];

/** Events seq `first`..`last` of a chain, as a pack carries them (the chain starts at seq 1). */
function slice(first: number, last: number): StoredEvent[] {
  return buildChain(last)
    .slice(first - 1)
    .map(toStoredEvent);
}

/** A pack assembled as the server assembles it: the canonical head, events and tail, then the signature. */
function buildPack(events: StoredEvent[], controls = CONTROLS): string {
  const last = events[events.length - 1];
  const position = { seq: last.seq, hash: last.hash, signedAt: '2026-01-02T00:00:00.000Z' };
  const checkpoint: SignedCheckpoint = {
    ...position,
    reason: 'export',
    keyId: KEY_ID,
    signature: signCheckpointMessage(position, privateKey),
  };
  const chain = {
    eventCount: events.length,
    firstSeq: events[0].seq,
    lastSeq: last.seq,
    prevHash: events[0].prevHash,
    lastHash: last.hash,
  };
  const rest: Omit<UnsignedPack, 'chain' | 'checkpoint' | 'controls' | 'events'> = {
    files: {
      'controls.csv': fileDigest(controlsCsv(controls)),
      'events.csv': fileDigest(EVENTS_CSV_HEADER + events.map(eventCsvRow).join('')),
    },
    format: PACK_FORMAT,
    generatedAt: '2026-01-02T00:00:00.000Z',
    generatedBy: { type: 'HUMAN', id: 'h1', label: 'auditor@acme.example' },
    publicKey: { algorithm: 'Ed25519', keyId: KEY_ID, pem: PEM },
    range: resolveRange('2026-01-01', '2026-01-01'),
  };
  const unsigned =
    packHead({ chain, checkpoint, controls }) + events.map((event) => canonicalJson(event)).join(',') + packTail(rest);
  const digest = sha256Hex(`${unsigned}}`);
  const value = sign(null, signedMessage(digest), privateKey).toString('base64');
  return unsigned + signatureMember({ algorithm: 'Ed25519', keyId: KEY_ID, digest, value });
}

function failedChecks(text: string | Uint8Array, options?: Parameters<typeof verifyEvidencePack>[1]): string[] {
  return verifyEvidencePack(text, options)
    .checks.filter((check) => !check.ok)
    .map((check) => check.check);
}

/** Re-signs an edited pack with a key of the attacker's own, so only the key can give the forgery away. */
function resignWith(pack: EvidencePack, key: ReturnType<typeof generateKeyPairSync>): string {
  const pem = key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const keyId = publicKeyId(key.publicKey);
  const checkpoint = {
    ...pack.checkpoint,
    keyId,
    signature: signCheckpointMessage(pack.checkpoint, key.privateKey),
  };
  const unsigned = { ...pack, checkpoint, publicKey: { ...pack.publicKey, pem, keyId } } as Partial<EvidencePack>;
  delete unsigned.signature;
  const digest = sha256Hex(canonicalJson(unsigned));
  const value = sign(null, signedMessage(digest), key.privateKey).toString('base64');
  return canonicalJson({ ...unsigned, signature: { algorithm: 'Ed25519', keyId, digest, value } });
}

describe('evidence packs, verified offline', () => {
  const events = slice(4, 9);
  const text = buildPack(events);

  it('writes the pack as the canonical JSON of its content, and an untouched pack verifies', () => {
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    const result = verifyEvidencePack(text);
    expect(result.checks.filter((check) => !check.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary).toMatchObject({ events: 6, firstSeq: 4, lastSeq: 9, checkpointSeq: 9 });
    expect(result.checks.map((check) => check.check)).toEqual([
      'readable',
      'canonical form',
      'public key',
      'pack signature',
      'checkpoint signature',
      'event chain',
      'checkpoint covers the events',
      'range',
      'controls.csv digest',
      'events.csv digest',
    ]);
  });

  it('writes each event as canonicalize does, whatever its text holds', () => {
    const tricky = ['', 'é 😀 \u2028', '\u007f\u0001\u001f"\\/', '<script>', '\ud800'];
    for (const [index, event] of slice(1, 5).entries()) {
      const odd = { ...event, details: tricky[index], resource: tricky[(index + 1) % 5], scopeId: null };
      expect(canonicalEventJson(odd)).toBe(canonicalJson(odd));
    }
  });

  it('fails on every edited byte of a small pack, whatever the edit', () => {
    const small = Buffer.from(buildPack(slice(2, 2), CONTROLS.slice(0, 1)));
    const replacements = [0x20, 0x30, 0x41, 0x61, 0x22, 0x7d];
    for (let position = 0; position < small.length; position += 1) {
      const flipped = Buffer.from(small);
      flipped[position] ^= 0x01;
      const replaced = Buffer.from(small);
      const replacement = replacements[position % replacements.length];
      replaced[position] = replacement === small[position] ? 0x2c : replacement;
      for (const edited of [flipped, replaced]) {
        if (verifyEvidencePack(edited).ok) throw new Error(`An edit of byte ${position} still verifies`);
      }
    }
  }, 120_000);

  it('fails on bit flips at positions spread over a larger pack, and on bytes added or removed', () => {
    const bytes = Buffer.from(text);
    for (let position = 0; position < bytes.length; position += 7) {
      const edited = Buffer.from(bytes);
      edited[position] ^= 0x04;
      expect(verifyEvidencePack(edited).ok, `flip at ${position}`).toBe(false);
    }
    expect(verifyEvidencePack(`${text}\n`).ok).toBe(false);
    expect(verifyEvidencePack(text.slice(0, -1)).ok).toBe(false);
    expect(verifyEvidencePack(` ${text}`).ok).toBe(false);
  }, 60_000);

  it('names the tampered part: an event, a control, the checkpoint', () => {
    const pack = JSON.parse(text) as EvidencePack;

    const event = structuredClone(pack);
    event.events[2].action = 'scope.approve';
    expect(failedChecks(canonicalJson(event))).toEqual(['pack signature', 'event chain', 'events.csv digest']);

    const control = structuredClone(pack);
    control.controls[0].status = 'met';
    expect(failedChecks(canonicalJson(control))).toEqual(['pack signature', 'controls.csv digest']);

    const checkpoint = structuredClone(pack);
    checkpoint.checkpoint.seq = 8;
    expect(failedChecks(canonicalJson(checkpoint))).toEqual([
      'pack signature',
      'checkpoint signature',
      'checkpoint covers the events',
    ]);

    const dropped = structuredClone(pack);
    dropped.events.splice(3, 1);
    expect(failedChecks(canonicalJson(dropped))).toContain('event chain');
  });

  it('catches a forgery re-signed with another key only against the key Steward publishes', () => {
    const pack = JSON.parse(text) as EvidencePack;
    pack.controls[0].status = 'met';
    pack.files['controls.csv'] = fileDigest(controlsCsv(pack.controls));
    const forged = resignWith(pack, generateKeyPairSync('ed25519'));
    expect(verifyEvidencePack(forged).ok).toBe(true);
    expect(failedChecks(forged, { trustedKey: KEY_ID })).toEqual(['trusted key']);
    expect(failedChecks(forged, { trustedKey: PEM })).toEqual(['trusted key']);
    expect(failedChecks(text, { trustedKey: PEM })).toEqual([]);
  });

  it('compares the CSV files given with the digests the pack signs', () => {
    const pack = JSON.parse(text) as EvidencePack;
    const eventsCsv = EVENTS_CSV_HEADER + pack.events.map(eventCsvRow).join('');
    const controls = controlsCsv(pack.controls);
    const files = { 'events.csv': Buffer.from(eventsCsv), 'controls.csv': controls };
    const result = verifyEvidencePack(text, { files });
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => check.check)).toContain('events.csv file');
    expect(failedChecks(text, { files: { 'controls.csv': controls.replace('gap', 'met') } })).toEqual([
      'controls.csv file',
    ]);
  });

  it('reads a pack whose range holds no events', () => {
    const pack = JSON.parse(text) as EvidencePack;
    const empty = {
      ...pack,
      events: [],
      chain: { eventCount: 0, firstSeq: null, lastSeq: null, prevHash: null, lastHash: null },
    };
    empty.files = { ...pack.files, 'events.csv': fileDigest(EVENTS_CSV_HEADER) };
    expect(failedChecks(resignWith(empty as EvidencePack, { privateKey, publicKey }))).toEqual([]);
  });

  it('refuses what is not a pack', () => {
    expect(failedChecks('not json')).toEqual(['readable']);
    expect(failedChecks('{"format":"other"}')).toEqual(['readable']);
    expect(failedChecks(Buffer.from([0xff, 0xfe]))).toEqual(['readable']);
  });
});

/** `npm run verify -- <args>`, with a database address nothing listens on: the evidence check must not need one. */
async function verifyCli(...args: string[]): Promise<{ code: number; stdout: string }> {
  const run = promisify(execFile);
  const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' };
  const command = ['--conditions=react-server', '--import', 'tsx', 'lib/cli/verify.ts', ...args];
  try {
    const { stdout } = await run(process.execPath, command, { env });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('npm run verify -- --evidence', () => {
  it('checks a pack offline, compares its CSV files, writes its CSV forms, and fails an edited one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-pack-'));
    const text = buildPack(slice(3, 5));
    const pack = JSON.parse(text) as EvidencePack;
    writeFileSync(join(dir, 'pack.json'), text);
    writeFileSync(join(dir, 'key.pem'), PEM);
    writeFileSync(join(dir, 'edited.json'), text.replace('"seq":4', '"seq":6'));
    writeFileSync(join(dir, 'x-events.csv'), EVENTS_CSV_HEADER + pack.events.map(eventCsvRow).join(''));

    const good = await verifyCli(
      '--evidence',
      join(dir, 'pack.json'),
      '--key',
      join(dir, 'key.pem'),
      '--csv-dir',
      dir,
      '--write-csv',
      join(dir, 'out'),
    );
    expect(good.stdout).toContain('ok   events.csv file');
    expect(good.stdout).toContain('The evidence pack verifies');
    expect(good.code).toBe(0);
    expect(sha256Hex(readFileSync(join(dir, 'out', 'controls.csv')))).toBe(pack.files['controls.csv'].sha256);

    const edited = await verifyCli('--evidence', join(dir, 'edited.json'), '--json');
    expect(edited.code).toBe(1);
    expect((JSON.parse(edited.stdout) as { ok: boolean }).ok).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('control statuses from figures', () => {
  const quiet: ControlFacts = {
    windowDays: 30,
    since: '2026-01-01',
    nhis: {
      total: 4,
      aiAgents: 2,
      discovered: 0,
      orphanedActive: 0,
      agentsWithoutSponsor: 0,
      suspended: 0,
      decommissioned: 0,
    },
    credentials: {
      active: 5,
      standing: 1,
      taskTokens: 1,
      taskTokensPastExpiry: 0,
      offboardedSubject: 0,
      borrowedDeclared: 0,
      unbound: 0,
      weakHeldByNhi: 0,
      decommissionedHolder: 0,
      revoked: 2,
      humanUseOfNhi: 0,
    },
    offboardedPeople: 1,
    findings: {
      orphaned: { open: 0, accepted: 0 },
      longLived: { open: 0, accepted: 0 },
      stale: { open: 0, accepted: 0 },
      borrowed: { open: 0, accepted: 0 },
      shared: { open: 0, accepted: 0 },
      environmentMix: { open: 0, accepted: 0 },
    },
    borrowedCases: { unresolved: 0, resolved: 1 },
    scopes: {
      pending: 0,
      active: 1,
      activeWithOffboardedInitiator: 0,
      selfApproved: 0,
      highRiskWithoutSecurity: 0,
      highRiskApproved: 0,
    },
    reviews: { overdueItems: 0, decidedItems: 0 },
    activity: { events: 100, borrowed: 0, unknownAttribution: 0, unknownParty: 0 },
    decisions: { allow: 3, deny: 1, outOfScope: 1, badToken: 0, errors: 0 },
    chain: {
      headSeq: 100,
      firstRecordedAt: '2026-01-01T00:00:00.000Z',
      missingTriggers: [],
      checkpoint: { seq: 99, signedAt: '2026-01-02T00:00:00.000Z' },
    },
  };

  const statusOf = (facts: ControlFacts) =>
    Object.fromEntries(evaluateControls(facts).map((control) => [control.id, control.status]));

  it('covers every framework reference of the product, once each', () => {
    const ids = evaluateControls(quiet).map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(43);
    for (const id of [
      'NHI10',
      'ASI10',
      'PR.AA-04',
      'ID.AM',
      'DE.CM-03',
      'GV.RR-02',
      'GOVERN 1.7',
      'MANAGE 2.4',
      'AU.L2-3.3.8',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('says what Steward cannot see rather than claiming a control', () => {
    const statuses = statusOf(quiet);
    for (const id of ['NHI2', 'NHI3', 'NHI6', 'ASI01', 'ASI04', 'ASI05', 'ASI06', 'ASI07', 'ASI08']) {
      expect(statuses[id]).toBe('not_applicable');
    }
    expect(Object.values(statuses).filter((status) => status === 'gap')).toEqual([]);
  });

  it('turns NHI1 into a gap with the figure behind it when an offboarded person’s credential is active', () => {
    const facts = structuredClone(quiet);
    facts.credentials.offboardedSubject = 3;
    const nhi1 = evaluateControls(facts).find((control) => control.id === 'NHI1');
    expect(nhi1?.status).toBe('gap');
    expect(nhi1?.rationale).toContain('3 credentials whose subject is an offboarded person are still active');
    expect(statusOf(facts)['MANAGE 2.4']).toBe('gap');
  });
});
