/**
 * The human step of the task-scope flow: the agent's sponsor approves a pending scope, through the same use case
 * the approvals queue calls.
 *
 *   DATABASE_URL=… node --conditions=react-server --import tsx tests/e2e/support/scope-flow-approve.ts \
 *     <scope id> <sponsor email> <ttl seconds>
 *
 * The last line it prints is the decision (SCOPE_FLOW_APPROVED and JSON).
 */
import type { HumanActor } from '../../../lib/auth/actor';
import { disconnectDb, getDb } from '../../../lib/db';
import { approveScope } from '../../../lib/scopes/approvals';
import { APPROVED_MARKER } from './scope-flow-children';

async function personActor(email: string): Promise<HumanActor> {
  const db = await getDb();
  const person = await db.human.findUniqueOrThrow({ where: { email } });
  if (!person.role) throw new Error(`${email} has no dashboard role`);
  return { kind: 'human', humanId: person.id, email: person.email, name: person.name, role: person.role };
}

async function main(): Promise<void> {
  const [scopeId, sponsorEmail, ttl] = process.argv.slice(2);
  if (!scopeId || !sponsorEmail || !ttl)
    throw new Error('Usage: scope-flow-approve.ts <scope id> <sponsor email> <ttl>');
  try {
    const sponsor = await personActor(sponsorEmail);
    const decision = await approveScope(sponsor, { scopeId, ttlSeconds: Number(ttl) });
    console.log(`${APPROVED_MARKER} ${JSON.stringify(decision)}`);
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
