import { randomUUID } from 'node:crypto';
import { getDb } from '../../lib/db';
import type { DashboardRole } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor } from '../../lib/auth/actor';
import { hashPassword } from '../../lib/auth/passwords';

/** Creates a person with a dashboard role and returns them as the acting principal of a use case. */
export async function createPerson(
  role: DashboardRole | null,
  options: { password?: string; email?: string } = {},
): Promise<HumanActor & { role: DashboardRole }> {
  const db = await getDb();
  const email = options.email ?? `${(role ?? 'nobody').toLowerCase()}-${randomUUID().slice(0, 8)}@test.example`;
  const human = await db.human.create({
    data: {
      email,
      name: `Test ${role ?? 'Person'}`,
      searchText: `test ${(role ?? 'person').toLowerCase()} ${email}`,
      role,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    },
  });
  return { kind: 'human', humanId: human.id, email: human.email, name: human.name, role: role ?? 'AUDITOR' };
}

export async function countRows() {
  const db = await getDb();
  const [humans, events, head] = await Promise.all([
    db.human.count(),
    db.auditEvent.count(),
    db.auditChainHead.findUnique({ where: { id: 1 } }),
  ]);
  return { humans, events, headSeq: head?.seq ?? 0 };
}
