/**
 * Sets up what the task-scope flow needs with the dashboard's own use cases, as an administrator: a sponsor,
 * the person who asks for the task, an AI agent the sponsor sponsors with its agent key, and an audit key.
 * With --fresh it first migrates an empty database and writes that administrator, as the first run does.
 *
 *   DATABASE_URL=… node --conditions=react-server --import tsx tests/e2e/support/scope-flow-seed.ts [--fresh]
 *
 * The last line it prints is the seeded flow (SCOPE_FLOW_SEEDED and JSON).
 */
import { randomUUID } from 'node:crypto';
import type { HumanActor } from '../../../lib/auth/actor';
import { hashPassword } from '../../../lib/auth/passwords';
import { createApiKey } from '../../../lib/api-keys/manage';
import { databaseUrl } from '../../../lib/db/flavor';
import { migrateDatabase } from '../../../lib/db/migrate';
import { disconnectDb, getDb } from '../../../lib/db';
import { createNhi } from '../../../lib/identities/manage';
import { addPerson } from '../../../lib/people/access';
import { ROLE_ACCOUNTS, PASSWORD } from './accounts';
import { SEEDED_MARKER, type SeededFlow } from './scope-flow-children';

async function bootstrapAdmin(): Promise<string> {
  const db = await getDb();
  const { email, name } = ROLE_ACCOUNTS.ADMIN;
  await db.human.create({
    data: { email, name, role: 'ADMIN', status: 'ACTIVE', passwordHash: await hashPassword(PASSWORD) },
  });
  return email;
}

async function adminActor(email: string): Promise<HumanActor> {
  const db = await getDb();
  const person = await db.human.findUniqueOrThrow({ where: { email } });
  if (person.role !== 'ADMIN' || person.status !== 'ACTIVE') throw new Error(`${email} is not an active ADMIN`);
  return { kind: 'human', humanId: person.id, email: person.email, name: person.name, role: 'ADMIN' };
}

async function seed(admin: HumanActor): Promise<SeededFlow> {
  const run = randomUUID().slice(0, 8);
  const sponsor = await addPerson(admin, {
    name: `Flow Sponsor ${run}`,
    email: `flow-sponsor-${run}@e2e.example`,
    role: 'SPONSOR',
    password: PASSWORD,
  });
  const initiator = await addPerson(admin, {
    name: `Flow Initiator ${run}`,
    email: `flow-initiator-${run}@e2e.example`,
    role: 'AUDITOR',
    password: PASSWORD,
  });
  const nhi = await createNhi(admin, {
    name: `flow-agent-${run}`,
    kind: 'AI_AGENT',
    system: 'github',
    externalId: `app-flow-${run}`,
    environment: 'production',
    sponsorId: sponsor.id,
  });
  const agentKey = await createApiKey(admin, { name: `flow agent ${run}`, kind: 'AGENT', nhiId: nhi.id });
  const auditKey = await createApiKey(admin, { name: `flow audit ${run}`, kind: 'AUDIT' });
  return {
    sponsorEmail: sponsor.email,
    initiatorEmail: initiator.email,
    initiatorId: initiator.id,
    nhiId: nhi.id,
    agentKey: agentKey.secret,
    auditKey: auditKey.secret,
  };
}

async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  if (fresh) await migrateDatabase(databaseUrl());
  try {
    const adminEmail = fresh ? await bootstrapAdmin() : ROLE_ACCOUNTS.ADMIN.email;
    const seeded = await seed(await adminActor(adminEmail));
    console.log(`${SEEDED_MARKER} ${JSON.stringify(seeded)}`);
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
