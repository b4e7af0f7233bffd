import 'server-only';
import { transaction, type Tx } from '../db';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { can, humanPrincipal, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { conflict, fieldError, notFound } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { credentialSearchText } from '../inventory/search-text';
import { parseInput } from '../validation';
import {
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
  };
}

function nhiIdsOf(credential: { subjectNhiId: string | null; holderNhiId: string | null }): string[] {
  return [credential.subjectNhiId, credential.holderNhiId].filter((id): id is string => id !== null);
}

function auditCredential(
  tx: Tx,
  actor: HumanActor,
  action: string,
  credential: { id: string },
  details: Record<string, unknown>,
) {
  return appendAuditEvent(tx, {
    action,
    attribution: 'HUMAN',
    initiator: humanPrincipal(actor),
    executor: humanPrincipal(actor),
    resource: `credential:${credential.id}`,
    details,
  });
}

/** Writes a new credential; shared by the form and by imports, inside the caller's transaction. */
export async function insertCredential(tx: Tx, input: CreateCredentialInput) {
  await checkReferences(tx, input);
  await requireUniqueFingerprint(tx, input.fingerprint);
  return tx.credential.create({ data: credentialColumns(input) });
}

export async function createCredential(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'inventory.manage');
  const fields = parseInput(createCredentialSchema, input);
  return transaction(async (tx) => {
    const credential = await insertCredential(tx, fields);
    await recomputeFindings(tx, { credentialIds: [credential.id], nhiIds: nhiIdsOf(credential) });
    await auditCredential(tx, person, AUDIT_ACTIONS.credentialCreated, credential, {
      kind: credential.kind,
      name: credential.name,
      subjectHumanId: credential.subjectHumanId,
      subjectNhiId: credential.subjectNhiId,
      holderNhiId: credential.holderNhiId,
    });
    return credential;
  });
}

export async function updateCredential(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'inventory.manage');
  const { id, ...fields } = parseInput(updateCredentialSchema, input);
  return transaction(async (tx) => {
    const before = await tx.credential.findUnique({ where: { id } });
    if (!before) throw notFound('That credential');
    if (before.kind === 'TASK_TOKEN') throw conflict('Task tokens are issued by Steward and cannot be edited.');
    await checkReferences(tx, fields);
    await requireUniqueFingerprint(tx, fields.fingerprint, id);
    const credential = await tx.credential.update({ where: { id }, data: credentialColumns(fields, before.issuedAt) });
    await recomputeFindings(tx, { credentialIds: [id], nhiIds: [...nhiIdsOf(before), ...nhiIdsOf(credential)] });
    await auditCredential(tx, person, AUDIT_ACTIONS.credentialUpdated, credential, { name: credential.name });
    return credential;
  });
}

/** SECURITY and ADMIN revoke any credential; a sponsor those held by or belonging to an NHI they sponsor. */
export async function revokeCredential(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'credential.revoke');
  const { credentialId, reason } = parseInput(revokeCredentialSchema, input);
  const sponsored = can(person, 'revocation.bulk')
    ? {}
    : { OR: [{ holderNhi: { sponsorId: person.humanId } }, { subjectNhi: { sponsorId: person.humanId } }] };
  return transaction(async (tx) => {
    const before = await tx.credential.findFirst({ where: { id: credentialId, ...sponsored } });
    if (!before) throw notFound('That credential');
    if (before.status === 'REVOKED') return before;
    const credential = await tx.credential.update({
      where: { id: credentialId },
      data: { status: 'REVOKED', revokedAt: new Date(), revokedById: person.humanId, revocationReason: reason },
    });
    await recomputeFindings(tx, { credentialIds: [credentialId], nhiIds: nhiIdsOf(credential) });
    await auditCredential(tx, person, AUDIT_ACTIONS.credentialRevoked, credential, {
      reason,
      kind: credential.kind,
      subjectHumanId: credential.subjectHumanId,
    });
    return credential;
  });
}
