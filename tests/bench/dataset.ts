import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/db';
import type { CredentialKind, NhiKind, NhiStatus } from '../../lib/db/generated/sqlite/enums';
import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { hashPassword } from '../../lib/auth/passwords';
import { credentialSearchText, nhiSearchText } from '../../lib/inventory/search-text';

/** A large, plausible inventory written straight through the Prisma client, for measuring pages at scale. */

const KINDS: NhiKind[] = [
  'AI_AGENT',
  'SERVICE_ACCOUNT',
  'SERVICE_ACCOUNT',
  'WORKLOAD',
  'INTEGRATION',
  'BOT',
  'CI_PIPELINE',
];
const SYSTEMS = ['aws', 'github', 'okta', 'entra', 'gcp', 'slack', 'salesforce', 'internal'];
const ENVIRONMENTS = ['production', 'production', 'staging', 'development', 'unknown'];
const STATUSES: NhiStatus[] = [
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'SUSPENDED',
  'DECOMMISSIONED',
  'DISCOVERED',
];
const TEAMS = ['payments', 'billing', 'search', 'ledger', 'identity', 'support', 'growth', 'data', 'ml', 'platform'];
const CREDENTIAL_KINDS: CredentialKind[] = ['API_KEY', 'ACCESS_KEY', 'CERTIFICATE', 'SSH_KEY', 'OAUTH_GRANT'];
const DAY = 86_400_000;
export const BENCH_PASSWORD = 'bench-password-not-secret';
export const BENCH_ADMIN = 'bench.admin@bench.example';

function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BenchDataset = { nhiIds: string[]; agentIds: string[] };

async function insertInBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size));
}

export async function createBenchDataset(
  db: Db,
  options: { nhis: number; credentials: number; events: number },
  now = new Date(),
): Promise<BenchDataset> {
  const random = mulberry32(424242);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const people = Array.from({ length: 300 }, (_, index) => ({
    id: randomUUID(),
    email: index === 0 ? BENCH_ADMIN : `person${index}@bench.example`,
    name: index === 0 ? 'Bench Admin' : `Person ${index}`,
    role: index === 0 ? ('ADMIN' as const) : null,
    status: index % 37 === 0 && index > 0 ? ('OFFBOARDED' as const) : ('ACTIVE' as const),
  }));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await db.human.createMany({
    data: people.map((person) => ({
      ...person,
      passwordHash: person.role ? passwordHash : null,
      searchText: `${person.name} ${person.email}`.toLowerCase(),
    })),
  });

  const perNhi = options.credentials / options.nhis;
  const nhis = Array.from({ length: options.nhis }, (_, index) => {
    const kind = pick(KINDS);
    const system = pick(SYSTEMS);
    const name = `${pick(TEAMS)}-${kind.toLowerCase().replace('_', '-')}-${index}`;
    const sponsor = random() < 0.9 ? pick(people) : null;
    const credentials = Math.max(0, Math.round(perNhi + (random() - 0.5) * 2 * perNhi * 0.8));
    const findings = Math.floor(random() * 4);
    return {
      id: randomUUID(),
      name,
      kind,
      system,
      externalId: `${system}-${index}`,
      environment: pick(ENVIRONMENTS),
      status: pick(STATUSES),
      sponsorId: sponsor?.id ?? null,
      lastSeenAt: new Date(now.getTime() - Math.floor(random() * 200) * DAY),
      searchText: nhiSearchText({ name, externalId: `${system}-${index}`, system }),
      credentialCount: credentials,
      standingCredentialCount: Math.floor(credentials / 2),
      borrowedCredentialCount: kind === 'AI_AGENT' && random() < 0.05 ? 1 : 0,
      openFindingCount: findings,
      highestSeverityRank: findings === 0 ? 0 : 1 + Math.floor(random() * 4),
      orphaned: !sponsor || sponsor.status !== 'ACTIVE',
    };
  });
  await insertInBatches(nhis, 2_000, (batch) => db.nhi.createMany({ data: batch }));

  const credentials = nhis.flatMap((nhi) =>
    Array.from({ length: nhi.credentialCount }, (_, index) => {
      const fingerprint = `sha256:${nhi.id}:${index}`;
      const name = `${nhi.name} key ${index + 1}`;
      const borrowed = index === 0 && nhi.borrowedCredentialCount > 0;
      return {
        kind: borrowed ? ('PERSONAL_ACCESS_TOKEN' as const) : pick(CREDENTIAL_KINDS),
        name,
        system: nhi.system,
        fingerprint,
        environment: nhi.environment,
        subjectHumanId: borrowed ? pick(people).id : null,
        subjectNhiId: borrowed ? null : nhi.id,
        holderNhiId: nhi.id,
        issuedAt: new Date(now.getTime() - Math.floor(random() * 900) * DAY),
        expiresAt:
          index < nhi.standingCredentialCount ? null : new Date(now.getTime() + Math.floor(random() * 90) * DAY),
        lastUsedAt: new Date(now.getTime() - Math.floor(random() * 120) * DAY),
        searchText: credentialSearchText({ name, system: nhi.system, fingerprint }),
      };
    }),
  );
  await insertInBatches(credentials, 2_000, (batch) => db.credential.createMany({ data: batch }));

  const agents = nhis.filter((nhi) => nhi.kind === 'AI_AGENT');
  const events: AuditEventInput[] = Array.from({ length: options.events }, (_, index) => {
    const agent = agents[index % Math.min(agents.length, 500)];
    const human = pick(people);
    return {
      action: pick(['github:pulls.read', 's3:GetObject', 'okta:user.read', 'slack:chat.postMessage']),
      attribution: 'AGENT_DELEGATED',
      initiator: { type: 'HUMAN', id: human.id, label: human.email },
      executor: { type: 'NHI', id: agent.id, label: agent.name },
      occurredAt: new Date(now.getTime() - (options.events - index) * 60_000),
      environment: agent.environment,
    };
  });
  await insertInBatches(events, 2_000, (batch) =>
    db.$transaction((tx) => appendAuditEvents(tx, batch), { timeout: 120_000 }),
  );
  return { nhiIds: nhis.map((nhi) => nhi.id), agentIds: agents.slice(0, 500).map((nhi) => nhi.id) };
}
