import 'server-only';
import { transaction, type Tx } from '../db';
import type { DashboardRole } from '../db/generated/sqlite/enums';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { humanPrincipal, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { AppError, conflict, notFound } from '../errors';
import { humanSearchText } from '../inventory/search-text';
import { parseInput } from '../validation';
import { addPersonSchema, changeRoleSchema, personIdSchema } from './schemas';

/**
 * ADMIN manages who may use the dashboard: add an account, change its role, disable or re-enable it.
 * Every change is audited in the same transaction; nobody can lock the deployment out of administration.
 */

const accountSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  signInDisabledAt: true,
  lastSignInAt: true,
} as const;

async function findAccount(tx: Tx, humanId: string) {
  const person = await tx.human.findUnique({ where: { id: humanId }, select: accountSelect });
  if (!person) throw notFound('That person');
  return person;
}

/** Refuses a change that would leave no enabled ADMIN. */
async function ensureAnotherAdmin(tx: Tx, humanId: string): Promise<void> {
  const others = await tx.human.count({
    where: { role: 'ADMIN', status: 'ACTIVE', signInDisabledAt: null, id: { not: humanId } },
  });
  if (others === 0) throw conflict('Steward needs at least one enabled ADMIN: make someone else ADMIN first.');
}

function auditAccessChange(
  tx: Tx,
  admin: HumanActor,
  action: string,
  person: { id: string; email: string },
  details: Record<string, unknown>,
) {
  return appendAuditEvent(tx, {
    action,
    attribution: 'HUMAN',
    initiator: humanPrincipal(admin),
    executor: humanPrincipal(admin),
    resource: `human:${person.id}`,
    details: { email: person.email, ...details },
  });
}

export async function addPerson(actor: Actor, input: unknown) {
  const admin = requireHuman(actor, 'people.manage_access');
  const { name, email, role, password } = parseInput(addPersonSchema, input);
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const existing = await tx.human.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      throw new AppError('CONFLICT', 'Someone with this email is already in Steward.', 409, {
        fieldErrors: { email: ['Someone with this email is already in Steward: change their role instead.'] },
      });
    }
    const person = await tx.human.create({
      data: { name, email, role, passwordHash, searchText: humanSearchText({ name, email }) },
      select: accountSelect,
    });
    await auditAccessChange(tx, admin, AUDIT_ACTIONS.personAdded, person, { name, role });
    return person;
  });
}

export async function changeRole(actor: Actor, input: unknown) {
  const admin = requireHuman(actor, 'people.manage_access');
  const { humanId, role } = parseInput(changeRoleSchema, input);
  return transaction(async (tx) => {
    const person = await findAccount(tx, humanId);
    if (person.role === role) return person;
    if (person.role === 'ADMIN') await ensureAnotherAdmin(tx, person.id);
    const updated = await tx.human.update({ where: { id: person.id }, data: { role }, select: accountSelect });
    await auditAccessChange(tx, admin, AUDIT_ACTIONS.personRoleChanged, person, { from: person.role, to: role });
    return updated;
  });
}

export async function disableAccess(actor: Actor, input: unknown) {
  const admin = requireHuman(actor, 'people.manage_access');
  const { humanId } = parseInput(personIdSchema, input);
  if (humanId === admin.humanId) throw conflict('You cannot disable your own access.');
  return transaction(async (tx) => {
    const person = await findAccount(tx, humanId);
    if (person.signInDisabledAt) return person;
    if (person.role === 'ADMIN') await ensureAnotherAdmin(tx, person.id);
    const updated = await tx.human.update({
      where: { id: person.id },
      data: { signInDisabledAt: new Date() },
      select: accountSelect,
    });
    await auditAccessChange(tx, admin, AUDIT_ACTIONS.personAccessDisabled, person, { role: person.role });
    return updated;
  });
}

export async function enableAccess(actor: Actor, input: unknown) {
  const admin = requireHuman(actor, 'people.manage_access');
  const { humanId } = parseInput(personIdSchema, input);
  return transaction(async (tx) => {
    const person = await findAccount(tx, humanId);
    if (!person.signInDisabledAt) return person;
    if (person.status !== 'ACTIVE') throw conflict('This person was offboarded: their access cannot be re-enabled.');
    const updated = await tx.human.update({
      where: { id: person.id },
      data: { signInDisabledAt: null },
      select: accountSelect,
    });
    await auditAccessChange(tx, admin, AUDIT_ACTIONS.personAccessEnabled, person, { role: person.role });
    return updated;
  });
}

export type Account = Awaited<ReturnType<typeof addPerson>>;
export type { DashboardRole };
