import 'server-only';
import { getDb, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { requireHuman, type Actor } from '../auth/actor';
import { credentialScope } from '../auth/ownership';
import { conflict, fieldError, notFound } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { credentialSearchText, nameKey } from '../inventory/search-text';
import { personUseCase } from '../use-case';
import { parseInput } from '../validation';
import {
  credentialIdSchema,
  createCredentialSchema,
  revokeCredentialSchema,
  updateCredentialSchema,
  type CreateCredentialInput,
} from './schemas';

async function checkReferences(tx: Tx, input: CreateCredentialInput): Promise<void> {
  const subject =
    input.subjectType === 'HUMAN'
      ? await tx.human.findUnique({ where: { id: input.subjectId }, select: { id: true } })
      : await tx.nhi.findUnique({ where: { id: input.subjectId }, select: { id: true } });
  if (!subject)
    throw fieldError(
      'subjectId',
      input.subjectType === 'HUMAN' ? 'That person is not in Steward.' : 'That identity is not in Steward.',
    );
  if (input.holderNhiId && !(await tx.nhi.findUnique({ where: { id: input.holderNhiId }, select: { id: true } }))) {
    throw fieldError('holderNhiId', 'That identity is not in Steward.');
  }
}

async function requireUniqueFingerprint(tx: Tx, fingerprint: string, exceptId?: string): Promise<void> {
  const existing = await tx.credential.findUnique({ where: { fingerprint }, select: { id: true } });
  if (existing && existing.id !== exceptId)
    throw fieldError('fingerprint', 'A credential with this fingerprint is already in the inventory.', 409);
}

/** The stored columns of a credential from validated input; shared by the form and by imports. */
export function credentialColumns(input: CreateCredentialInput, issuedByDefault = new Date()) {
  const { subjectType, subjectId, issuedAt, ...rest } = input;
  return {
    ...rest,
    subjectHumanId: subjectType === 'HUMAN' ? subjectId : null,
    subjectNhiId: subjectType === 'NHI' ? subjectId : null,
    // An NHI credential without a named holder is held by the NHI it authenticates as.
    holderNhiId: input.holderNhiId ?? (subjectType === 'NHI' ? subjectId : null),
    issuedAt: issuedAt ?? issuedByDefault,
    searchText: credentialSearchText(input),
    nameKey: nameKey(input.name),
  };
}

function nhiIdsOf(credential: { subjectNhiId: string | null; holderNhiId: string | null }): string[] {
  return [credential.subjectNhiId, credential.holderNhiId].filter((id): id is string => id !== null);
}

/** Writes a new credential; shared by the form and by imports, inside the caller's transaction. */
export async function insertCredential(tx: Tx, input: CreateCredentialInput) {
  await checkReferences(tx, input);
  await requireUniqueFingerprint(tx, input.fingerprint);
  return tx.credential.create({ data: credentialColumns(input) });
}

export const createCredential = personUseCase({
  permission: 'inventory.manage',
  input: createCredentialSchema,
  run: async ({ tx, audit }, fields) => {
    const credential = await insertCredential(tx, fields);
    await recomputeFindings(tx, { credentialIds: [credential.id], nhiIds: nhiIdsOf(credential) });
    audit(AUDIT_ACTIONS.credentialCreated, `credential:${credential.id}`, {
      kind: credential.kind,
      name: credential.name,
      subjectHumanId: credential.subjectHumanId,
      subjectNhiId: credential.subjectNhiId,
      holderNhiId: credential.holderNhiId,
    });
    return credential;
  },
});

const EDITABLE_COLUMNS = ['name', 'kind', 'fingerprint', 'subjectHumanId', 'subjectNhiId', 'holderNhiId', 'expiresAt'];

function changedColumns(before: Record<string, unknown>, after: Record<string, unknown>) {
  const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return Object.fromEntries(
    EDITABLE_COLUMNS.filter((column) => comparable(before[column]) !== comparable(after[column])).map((column) => [
      column,
      { from: comparable(before[column]), to: comparable(after[column]) },
    ]),
  );
}

export const updateCredential = personUseCase({
  permission: 'inventory.manage',
  input: updateCredentialSchema,
  run: async ({ tx, actor, audit }, { id, ...fields }) => {
    const before = await tx.credential.findFirst({ where: { id, ...credentialScope(actor, 'readNhis') } });
    if (!before) throw notFound('That credential');
    if (before.kind === 'TASK_TOKEN') throw conflict('Task tokens are issued by Steward and cannot be edited.');
    await checkReferences(tx, fields);
    await requireUniqueFingerprint(tx, fields.fingerprint, id);
    const credential = await tx.credential.update({ where: { id }, data: credentialColumns(fields, before.issuedAt) });
    await recomputeFindings(tx, { credentialIds: [id], nhiIds: [...nhiIdsOf(before), ...nhiIdsOf(credential)] });
    audit(AUDIT_ACTIONS.credentialUpdated, `credential:${id}`, {
      name: credential.name,
      changed: changedColumns(before, credential),
    });
    return credential;
  },
});

/** What stops working when a credential is revoked, for the confirmation. Reads only what the person may revoke. */
export async function previewCredentialRevocation(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'credential.revoke');
  const { credentialId } = parseInput(credentialIdSchema, input);
  const db = await getDb();
  const credential = await db.credential.findFirst({
    where: { id: credentialId, ...credentialScope(person, 'revokeCredentials') },
    select: {
      id: true,
      name: true,
      kind: true,
      status: true,
      subjectHuman: { select: { name: true, email: true } },
      subjectNhi: { select: { id: true, name: true } },
      holderNhi: { select: { id: true, name: true } },
    },
  });
  if (!credential) throw notFound('That credential');
  return credential;
}

/** SECURITY and ADMIN revoke any credential; a sponsor those held by or belonging to an NHI they sponsor. */
export const revokeCredential = personUseCase({
  permission: 'credential.revoke',
  input: revokeCredentialSchema,
  run: async ({ tx, actor, audit }, { credentialId, reason }) => {
    const reach = credentialScope(actor, 'revokeCredentials');
    const before = await tx.credential.findFirst({ where: { id: credentialId, ...reach } });
    if (!before) throw notFound('That credential');
    if (before.status === 'REVOKED') return before;
    const revokedAt = new Date();
    const { count } = await tx.credential.updateMany({
      where: { id: credentialId, status: { not: 'REVOKED' }, ...reach },
      data: { status: 'REVOKED', revokedAt, revokedById: actor.humanId, revocationReason: reason },
    });
    if (count !== 1) throw conflict('This credential changed at the same moment: reload and try again.');
    await recomputeFindings(tx, { credentialIds: [credentialId], nhiIds: nhiIdsOf(before) });
    audit(AUDIT_ACTIONS.credentialRevoked, `credential:${credentialId}`, {
      reason,
      kind: before.kind,
      subjectHumanId: before.subjectHumanId,
    });
    return tx.credential.findUniqueOrThrow({ where: { id: credentialId } });
  },
});
