import 'server-only';
import { transaction, type Tx } from '../db';
import type { NhiStatus } from '../db/generated/sqlite/enums';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { humanPrincipal, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { conflict, fieldError } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { nhiSearchText } from '../inventory/search-text';
import { parseInput } from '../validation';
import { editorOf, findEditableNhi } from './scope';
import {
  assignSponsorSchema,
  createNhiSchema,
  nhiStatusChangeSchema,
  updateNhiSchema,
  type CreateNhiInput,
} from './schemas';

/** Creating, editing, sponsoring, suspending and decommissioning NHIs: each change audited, findings recomputed. */

async function requireActiveSponsor(tx: Tx, sponsorId: string | null): Promise<void> {
  if (!sponsorId) return;
  const sponsor = await tx.human.findUnique({ where: { id: sponsorId }, select: { status: true } });
  if (!sponsor) throw fieldError('sponsorId', 'That person is not in Steward.');
  if (sponsor.status !== 'ACTIVE')
    throw fieldError('sponsorId', 'That person was offboarded: choose an active sponsor.');
}

async function requireUniqueExternalId(
  tx: Tx,
  nhi: { system: string; externalId: string },
  exceptId?: string,
): Promise<void> {
  const existing = await tx.nhi.findUnique({
    where: { system_externalId: { system: nhi.system, externalId: nhi.externalId } },
    select: { id: true },
  });
  if (existing && existing.id !== exceptId)
    throw fieldError('externalId', `An identity with this identifier already exists in ${nhi.system}.`, 409);
}

function auditNhi(tx: Tx, actor: HumanActor, action: string, nhiId: string, details: Record<string, unknown>) {
  return appendAuditEvent(tx, {
    action,
    attribution: 'HUMAN',
    initiator: humanPrincipal(actor),
    executor: humanPrincipal(actor),
    resource: `nhi:${nhiId}`,
    details,
  });
}

/** Writes a new NHI; shared by the form and by imports, inside the caller's transaction. */
export async function insertNhi(tx: Tx, input: CreateNhiInput) {
  await requireActiveSponsor(tx, input.sponsorId);
  await requireUniqueExternalId(tx, input);
  return tx.nhi.create({ data: { ...input, searchText: nhiSearchText(input) } });
}

export async function createNhi(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'inventory.manage');
  const fields = parseInput(createNhiSchema, input);
  return transaction(async (tx) => {
    const nhi = await insertNhi(tx, fields);
    await recomputeFindings(tx, { nhiIds: [nhi.id] });
    await auditNhi(tx, person, AUDIT_ACTIONS.nhiCreated, nhi.id, {
      name: nhi.name,
      kind: nhi.kind,
      system: nhi.system,
      sponsorId: nhi.sponsorId,
    });
    return nhi;
  });
}

/** SECURITY and ADMIN edit any NHI; a sponsor edits their own but cannot hand it to someone else. */
export async function updateNhi(actor: Actor, input: unknown) {
  const person = editorOf(actor);
  const { id, ...fields } = parseInput(updateNhiSchema, input);
  return transaction(async (tx) => {
    const before = await findEditableNhi(tx, person, id);
    if (fields.sponsorId !== before.sponsorId) requireHuman(person, 'inventory.manage');
    await requireActiveSponsor(tx, fields.sponsorId === before.sponsorId ? null : fields.sponsorId);
    await requireUniqueExternalId(tx, fields, id);
    const nhi = await tx.nhi.update({ where: { id }, data: { ...fields, searchText: nhiSearchText(fields) } });
    await recomputeFindings(tx, { nhiIds: [id] });
    const changed = Object.fromEntries(
      Object.entries(fields)
        .filter(([key, value]) => before[key as keyof typeof fields] !== value)
        .map(([key, value]) => [key, { from: before[key as keyof typeof fields], to: value }]),
    );
    await auditNhi(tx, person, AUDIT_ACTIONS.nhiUpdated, id, { changed });
    return nhi;
  });
}

export async function assignSponsor(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'inventory.manage');
  const { nhiId, sponsorId } = parseInput(assignSponsorSchema, input);
  return transaction(async (tx) => {
    const before = await findEditableNhi(tx, person, nhiId);
    if (before.sponsorId === sponsorId) return before;
    await requireActiveSponsor(tx, sponsorId);
    const nhi = await tx.nhi.update({ where: { id: nhiId }, data: { sponsorId } });
    await recomputeFindings(tx, { nhiIds: [nhiId] });
    await auditNhi(tx, person, AUDIT_ACTIONS.nhiSponsorAssigned, nhiId, { from: before.sponsorId, to: sponsorId });
    return nhi;
  });
}

const STATUS_CHANGES = {
  suspend: {
    to: 'SUSPENDED',
    from: ['ACTIVE', 'DISCOVERED'],
    action: AUDIT_ACTIONS.nhiSuspended,
    permission: 'inventory.edit_sponsored',
  },
  reactivate: {
    to: 'ACTIVE',
    from: ['SUSPENDED', 'DISCOVERED'],
    action: AUDIT_ACTIONS.nhiReactivated,
    permission: 'inventory.edit_sponsored',
  },
  decommission: {
    to: 'DECOMMISSIONED',
    from: ['ACTIVE', 'SUSPENDED', 'DISCOVERED'],
    action: AUDIT_ACTIONS.nhiDecommissioned,
    permission: 'inventory.manage',
  },
} as const satisfies Record<
  string,
  { to: NhiStatus; from: NhiStatus[]; action: string; permission: 'inventory.manage' | 'inventory.edit_sponsored' }
>;

async function changeStatus(actor: Actor, input: unknown, change: keyof typeof STATUS_CHANGES) {
  const rule = STATUS_CHANGES[change];
  const person = requireHuman(actor, rule.permission);
  const { nhiId, reason } = parseInput(nhiStatusChangeSchema, input);
  return transaction(async (tx) => {
    const before = await findEditableNhi(tx, person, nhiId);
    if (!(rule.from as readonly NhiStatus[]).includes(before.status)) {
      throw conflict(
        `${before.name} is ${before.status.toLowerCase()}: it cannot be ${change === 'decommission' ? 'decommissioned' : `${change}ed`}.`,
      );
    }
    const nhi = await tx.nhi.update({ where: { id: nhiId }, data: { status: rule.to } });
    await recomputeFindings(tx, { nhiIds: [nhiId] });
    await auditNhi(tx, person, rule.action, nhiId, { from: before.status, to: rule.to, reason });
    return nhi;
  });
}

/** From this commit on, every runtime decision for the NHI is a deny (IDENTITY_SUSPENDED). */
export const suspendNhi = (actor: Actor, input: unknown) => changeStatus(actor, input, 'suspend');
export const reactivateNhi = (actor: Actor, input: unknown) => changeStatus(actor, input, 'reactivate');
export const decommissionNhi = (actor: Actor, input: unknown) => changeStatus(actor, input, 'decommission');
