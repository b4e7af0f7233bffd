import 'server-only';
import type { Tx } from '../db';
import type { DashboardRole } from '../db/generated/sqlite/enums';
import { AUDIT_ACTIONS } from '../audit/actions';
import { hashPassword } from '../auth/passwords';
import { AppError, conflict, notFound } from '../errors';
import { humanSearchText, nameKey } from '../inventory/search-text';
import { personUseCase } from '../use-case';
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

export const addPerson = personUseCase({
  permission: 'people.manage_access',
  input: addPersonSchema,
  run: async ({ tx, audit }, { name, email, role, password }) => {
    const existing = await tx.human.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      throw new AppError('CONFLICT', 'Someone with this email is already in Steward.', 409, {
        fieldErrors: { email: ['Someone with this email is already in Steward: change their role instead.'] },
      });
    }
    const passwordHash = await hashPassword(password);
    const person = await tx.human.create({
      data: { name, email, role, passwordHash, searchText: humanSearchText({ name, email }), nameKey: nameKey(name) },
      select: accountSelect,
    });
    audit(AUDIT_ACTIONS.personAdded, `human:${person.id}`, { email, name, role });
    return person;
  },
});

export const changeRole = personUseCase({
  permission: 'people.manage_access',
  input: changeRoleSchema,
  run: async ({ tx, audit }, { humanId, role }) => {
    const person = await findAccount(tx, humanId);
    if (person.role === role) return person;
    if (person.role === 'ADMIN') await ensureAnotherAdmin(tx, person.id);
    const updated = await tx.human.update({ where: { id: person.id }, data: { role }, select: accountSelect });
    audit(AUDIT_ACTIONS.personRoleChanged, `human:${person.id}`, { email: person.email, from: person.role, to: role });
    return updated;
  },
});

export const disableAccess = personUseCase({
  permission: 'people.manage_access',
  input: personIdSchema,
  run: async ({ tx, actor, audit }, { humanId }) => {
    if (humanId === actor.humanId) throw conflict('You cannot disable your own access.');
    const person = await findAccount(tx, humanId);
    if (person.signInDisabledAt) return person;
    if (person.role === 'ADMIN') await ensureAnotherAdmin(tx, person.id);
    const updated = await tx.human.update({
      where: { id: person.id },
      data: { signInDisabledAt: new Date() },
      select: accountSelect,
    });
    audit(AUDIT_ACTIONS.personAccessDisabled, `human:${person.id}`, { email: person.email, role: person.role });
    return updated;
  },
});

export const enableAccess = personUseCase({
  permission: 'people.manage_access',
  input: personIdSchema,
  run: async ({ tx, audit }, { humanId }) => {
    const person = await findAccount(tx, humanId);
    if (!person.signInDisabledAt) return person;
    if (person.status !== 'ACTIVE') throw conflict('This person was offboarded: their access cannot be re-enabled.');
    const updated = await tx.human.update({
      where: { id: person.id },
      data: { signInDisabledAt: null },
      select: accountSelect,
    });
    audit(AUDIT_ACTIONS.personAccessEnabled, `human:${person.id}`, { email: person.email, role: person.role });
    return updated;
  },
});

export type Account = Awaited<ReturnType<typeof addPerson>>;
export type { DashboardRole };
