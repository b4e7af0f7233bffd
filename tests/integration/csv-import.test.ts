import { beforeAll, describe, expect, it } from 'vitest';
import type { HumanActor } from '../../lib/auth/actor';
import { getDb } from '../../lib/db';
import { AppError } from '../../lib/errors';
import {
  applyInventoryImport,
  IMPORT_FORMATS,
  MAX_CSV_ROWS,
  previewInventoryImport,
  type ImportKind,
} from '../../lib/inventory/csv-import';
import { createPerson } from '../support/people';

let admin: HumanActor;
let security: HumanActor;
let sponsor: HumanActor;

beforeAll(async () => {
  admin = await createPerson('ADMIN');
  security = await createPerson('SECURITY');
  sponsor = await createPerson('SPONSOR');
});

function bytes(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\r\n'));
}

function preview(kind: ImportKind, file: Uint8Array, actor: HumanActor = admin) {
  return previewInventoryImport(actor, { kind, fileName: `${kind}.csv` }, file);
}

async function importFile(kind: ImportKind, file: Uint8Array, actor: HumanActor = admin) {
  const { digest } = await preview(kind, file);
  return applyInventoryImport(actor, { kind, fileName: `${kind}.csv`, digest }, file);
}

/** What must not move when an import is refused. */
async function snapshot() {
  const db = await getDb();
  const [nhis, credentials, head] = await Promise.all([
    db.nhi.count(),
    db.credential.count(),
    db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }),
  ]);
  return { nhis, credentials, seq: head.seq, hash: head.hash };
}

async function expectRefused(work: () => Promise<unknown>, status: number) {
  const before = await snapshot();
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  expect(await snapshot()).toEqual(before);
  return error as AppError;
}

const IDENTITY_HEADER = 'system,externalId,name,kind,environment,sponsorEmail,description';

describe('importing identities', () => {
  it('previews every row with its CSV line number and writes nothing', async () => {
    const before = await snapshot();
    const result = await preview(
      'identities',
      bytes([
        IDENTITY_HEADER,
        'github,preview-ok,Fine bot,BOT,production,,',
        '',
        'github,preview-bad-kind,Bad kind,ROBOT,,,',
        '"github","preview-multi",A name,AI_AGENT,,,"A description',
        'over two lines"',
        'github,preview-short,Too few fields',
        'github,preview-other,Other bot,BOT,,,',
        'GitHub,preview-ok,Same again,BOT,,,',
        ',,,,,,',
      ]),
    );
    expect(result).toMatchObject({ rows: 6, created: 2, updated: 0, invalidRows: 4, errorCount: 4 });
    expect(result.errors).toEqual([
      { line: 4, column: 'kind', message: expect.stringContaining('AI_AGENT') },
      { line: 5, column: 'sponsorEmail', message: expect.stringContaining('needs a sponsor') },
      { line: 7, column: null, message: 'This row has 3 fields but the header has 7.' },
      { line: 9, column: 'externalId', message: expect.stringContaining('line 2') },
    ]);
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a name with a control character by line, and writes nothing', async () => {
    const before = await snapshot();
    const result = await preview(
      'identities',
      bytes([IDENTITY_HEADER, 'github,nul-name,Bad\u0000name,BOT,,,', 'github,esc-name,Red \u001b[31m,BOT,,,']),
    );
    expect(result.errors).toEqual([
      { line: 2, column: 'name', message: expect.stringContaining('control characters') },
      { line: 3, column: 'name', message: expect.stringContaining('control characters') },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports unknown, repeated and missing columns against the header', async () => {
    const result = await preview('identities', bytes(['System,External ID,name,owner,name', 'github,x,y,z,w']));
    expect(result.errors).toEqual([
      { line: 1, column: 'owner', message: expect.stringContaining('Unknown column "owner"') },
      { line: 1, column: 'name', message: 'The column "name" appears more than once.' },
      { line: 1, column: 'kind', message: 'The required column "kind" is missing.' },
    ]);
    expect(result.created).toBe(0);
  });

  it('reports a broken quote with the line it starts on', async () => {
    const result = await preview('identities', bytes([IDENTITY_HEADER, 'github,a,"unclosed,BOT,,,']));
    expect(result.errors).toEqual([{ line: 2, column: null, message: expect.stringContaining('never ends') }]);
  });

  it('imports a good file in one go, upserting like the API, with an event on each identity and one for the file', async () => {
    const file = bytes([
      IDENTITY_HEADER,
      `okta,svc-sync,Directory sync,SERVICE_ACCOUNT,production,,Syncs groups`,
      `openai,asst-1,"Support agent, tier 1",AI_AGENT,production,${sponsor.email},`,
      'aws,arn:aws:iam::1:role/etl,Nightly ETL,WORKLOAD,staging,,',
    ]);
    const db = await getDb();
    const headBefore = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq;
    expect(await importFile('identities', file)).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    expect((await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq).toBe(headBefore + 4);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ action: 'inventory.import', attribution: 'HUMAN', initiatorId: admin.humanId });
    expect(JSON.parse(event.details)).toMatchObject({ kind: 'identities', rows: 3, created: 3, updated: 0 });
    const imported = await db.nhi.findMany({
      where: { externalId: { in: ['svc-sync', 'asst-1', 'arn:aws:iam::1:role/etl'] } },
    });
    for (const nhi of imported) {
      const own = await db.auditEvent.findFirstOrThrow({ where: { resource: `nhi:${nhi.id}` } });
      expect(own).toMatchObject({ action: 'identity.upsert', initiatorId: admin.humanId });
      expect(JSON.parse(own.details)).toMatchObject({ via: 'csv', outcome: 'created' });
    }
    expect(
      await db.nhi.findUniqueOrThrow({ where: { system_externalId: { system: 'openai', externalId: 'asst-1' } } }),
    ).toMatchObject({ name: 'Support agent, tier 1', sponsorId: sponsor.humanId, status: 'ACTIVE' });

    const again = bytes([IDENTITY_HEADER, 'okta,svc-sync,Directory sync v2,SERVICE_ACCOUNT,,,']);
    expect(await importFile('identities', again)).toMatchObject({ created: 0, updated: 1 });
    expect(
      await db.nhi.findUniqueOrThrow({ where: { system_externalId: { system: 'okta', externalId: 'svc-sync' } } }),
    ).toMatchObject({ name: 'Directory sync v2', environment: 'production', description: 'Syncs groups' });
  });

  it('imports nothing from a file with one bad row, even when told to apply it', async () => {
    const file = bytes([
      IDENTITY_HEADER,
      'github,all-or-nothing-1,First,BOT,,,',
      'github,all-or-nothing-2,Second,BOT,,nobody@nowhere.example,',
      'github,all-or-nothing-3,Third,BOT,,,',
    ]);
    const { digest, errors } = await preview('identities', file);
    expect(errors).toEqual([{ line: 3, column: 'sponsorEmail', message: 'No person with this email is in Steward.' }]);
    const error = await expectRefused(
      () => applyInventoryImport(admin, { kind: 'identities', fileName: 'x.csv', digest }, file),
      422,
    );
    expect(error.message).toBe('1 row has errors: nothing was imported.');
  });

  it('refuses to apply a file other than the one previewed', async () => {
    const previewed = bytes([IDENTITY_HEADER, 'github,digest-1,First,BOT,,,']);
    const sent = bytes([IDENTITY_HEADER, 'github,digest-2,Second,BOT,,,']);
    const { digest } = await preview('identities', previewed);
    await expectRefused(() => applyInventoryImport(admin, { kind: 'identities', digest }, sent), 409);
  });

  it('reports a file with too many rows without reading its rows', async () => {
    const rows = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, n) => `github,many-${n},Many ${n},BOT,,,`);
    const result = await preview('identities', bytes([IDENTITY_HEADER, ...rows]));
    expect(result).toMatchObject({ rows: MAX_CSV_ROWS + 1, created: 0, errorCount: 1 });
    expect(result.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('more than 10,000 rows') });
  });

  it('refuses a file that is not UTF-8 or too large', async () => {
    await expectRefused(() => preview('identities', new Uint8Array([0x73, 0xff, 0xfe, 0x0a])), 422);
    await expectRefused(() => preview('identities', new Uint8Array(5 * 1024 * 1024 + 1)), 413);
  });
});

const CREDENTIAL_HEADER =
  'system,name,kind,fingerprint,subjectType,subject,holder,environment,issuedAt,expiresAt,lastRotatedAt';

describe('importing credentials', () => {
  beforeAll(async () => {
    await importFile(
      'identities',
      bytes([
        IDENTITY_HEADER,
        'github,cred-bot,Cred bot,BOT,,,',
        `openai,cred-agent,Cred agent,AI_AGENT,,${sponsor.email},`,
      ]),
    );
  });

  it('reports unknown subjects and holders, duplicates and bad dates as row errors', async () => {
    const db = await getDb();
    await db.credential.create({
      data: {
        kind: 'API_KEY',
        name: 'Existing',
        system: 'github',
        fingerprint: 'sha256:existing-one',
        subjectHumanId: sponsor.humanId,
      },
    });
    const result = await preview(
      'credentials',
      bytes([
        CREDENTIAL_HEADER,
        'github,Unknown person,PASSWORD,fp-unknown-person,HUMAN,ghost@nowhere.example,,,,,',
        'github,Unknown NHI,API_KEY,fp-unknown-nhi,NHI,github:ghost,,,,,',
        'github,Unknown holder,PERSONAL_ACCESS_TOKEN,fp-unknown-holder,HUMAN,' + sponsor.email + ',openai:ghost,,,,',
        'github,Bad reference,API_KEY,fp-bad-reference,NHI,cred-bot,,,,,',
        'github,Known fingerprint,API_KEY,sha256:existing-one,NHI,github:cred-bot,,,,,',
        'github,Twice,API_KEY,fp-twice-twice,NHI,github:cred-bot,,,,,',
        'github,Twice again,API_KEY,fp-twice-twice,NHI,github:cred-bot,,,,,',
        'github,US date,API_KEY,fp-us-date-1,NHI,github:cred-bot,,,03/01/2026,,',
        'github,Task token,TASK_TOKEN,fp-task-token,HUMAN,' + sponsor.email + ',,,,,',
        'github,Fine,API_KEY,fp-fine-fine,NHI,github:cred-bot,,,2026-01-01,2027-01-01,',
        'github,Not a date,API_KEY,fp-not-a-date,NHI,github:cred-bot,,,,soon,',
        'github,No such day,API_KEY,fp-no-such-day,NHI,github:cred-bot,,,,2026-13-01,',
        'github,Backwards,API_KEY,fp-backwards-1,NHI,github:cred-bot,,,2026-02-01,2026-01-01,',
      ]),
    );
    expect(result).toMatchObject({ rows: 13, created: 2, invalidRows: 11 });
    expect(result.errors.map(({ line, column }) => [line, column])).toEqual([
      [2, 'subject'],
      [3, 'subject'],
      [4, 'holder'],
      [5, 'subject'],
      [6, 'fingerprint'],
      [8, 'fingerprint'],
      [9, 'issuedAt'],
      [10, 'kind'],
      [12, 'expiresAt'],
      [13, 'expiresAt'],
      [14, 'expiresAt'],
    ]);
    expect(result.errors[0].message).toBe('No person with this email is in Steward.');
    expect(result.errors[1].message).toContain('github:ghost');
    expect(result.errors.slice(-3).map((error) => error.message)).toEqual([
      expect.stringContaining('ISO 8601'),
      'Enter a valid date.',
      'The expiry must come after the issue date.',
    ]);
  });

  it('imports every credential with its subject and holder, and refreshes the findings', async () => {
    const file = bytes([
      CREDENTIAL_HEADER,
      'github,Bot token,API_KEY,fp-bot-token-1,NHI,github:cred-bot,,production,2026-01-15,,',
      `github,Borrowed PAT,PERSONAL_ACCESS_TOKEN,fp-borrowed-pat,HUMAN,${sponsor.email.toUpperCase()},openai:cred-agent,production,2026-03-01T09:30:00Z,2026-09-01T00:00:00+02:00,`,
    ]);
    expect(await importFile('credentials', file)).toMatchObject({ kind: 'credentials', rows: 2, created: 2 });
    const db = await getDb();
    const agent = await db.nhi.findUniqueOrThrow({
      where: { system_externalId: { system: 'openai', externalId: 'cred-agent' } },
    });
    const bot = await db.nhi.findUniqueOrThrow({
      where: { system_externalId: { system: 'github', externalId: 'cred-bot' } },
    });
    expect(await db.credential.findUniqueOrThrow({ where: { fingerprint: 'fp-bot-token-1' } })).toMatchObject({
      subjectNhiId: bot.id,
      holderNhiId: bot.id,
      issuedAt: new Date('2026-01-15T00:00:00Z'),
      expiresAt: null,
    });
    expect(await db.credential.findUniqueOrThrow({ where: { fingerprint: 'fp-borrowed-pat' } })).toMatchObject({
      subjectHumanId: sponsor.humanId,
      holderNhiId: agent.id,
      expiresAt: new Date('2026-08-31T22:00:00Z'),
    });
    expect(agent.borrowedCredentialCount).toBe(1);
    expect(await db.finding.count({ where: { nhiId: agent.id, type: 'BORROWED_HUMAN_CREDENTIAL' } })).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(JSON.parse(event.details)).toMatchObject({ kind: 'credentials', created: 2 });
    const borrowed = await db.credential.findUniqueOrThrow({ where: { fingerprint: 'fp-borrowed-pat' } });
    const own = await db.auditEvent.findFirstOrThrow({ where: { resource: `credential:${borrowed.id}` } });
    expect(own).toMatchObject({ action: 'credential.create', initiatorId: admin.humanId });
  });
});

describe('who may import', () => {
  it('lets SECURITY import, and refuses SPONSOR and AUDITOR on the server', async () => {
    const file = bytes([IDENTITY_HEADER, 'github,by-security,By security,BOT,,,']);
    expect(await importFile('identities', file, security)).toMatchObject({ created: 1 });
    const auditor = await createPerson('AUDITOR');
    const { digest } = await preview('identities', file);
    for (const actor of [sponsor, auditor]) {
      await expectRefused(() => preview('identities', file, actor), 403);
      await expectRefused(() => applyInventoryImport(actor, { kind: 'identities', digest }, file), 403);
    }
  });
});

describe('the example files', () => {
  it('are valid files of their kind', async () => {
    const db = await getDb();
    await db.human.upsert({
      where: { email: 'grace.okafor@acme.example' },
      create: { email: 'grace.okafor@acme.example', name: 'Grace Okafor' },
      update: {},
    });
    const identities = await importFile('identities', new TextEncoder().encode(IMPORT_FORMATS.identities.example));
    expect(identities).toMatchObject({ created: 3 });
    const credentials = await preview('credentials', new TextEncoder().encode(IMPORT_FORMATS.credentials.example));
    expect(credentials).toMatchObject({ errors: [], created: 2 });
  });
});
