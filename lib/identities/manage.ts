import 'server-only';
import { getDb, type Tx } from '../db';
import type { NhiStatus } from '../db/generated/sqlite/enums';
import { AUDIT_ACTIONS } from '../audit/actions';
import { can, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { nhiScope, reachesOnlySponsored } from '../auth/ownership';
import { AppError, conflict, fieldError, forbidden, notFound } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { nameKey, nhiSearchText } from '../inventory/search-text';
import { personUseCase } from '../use-case';
import { parseInput } from '../validation';
import {
  assignSponsorSchema,
  createNhiSchema,
  nhiIdSchema,
  nhiStatusChangeSchema,
  setOwnersSchema,
  updateNhiSchema,
  type CreateNhiInput,
} from './schemas';

/** Creating, editing, sponsoring, suspending and decommissioning NHIs: each change audited, findings recomputed. */

/** What a sponsor may change on an NHI they sponsor; the rest belongs to the source system and the security team. */
export const SPONSOR_EDITABLE_FIELDS = ['description', 'environment'] as const;

export async function requireActiveSponsor(tx: Tx, sponsorId: string | null): Promise<void> {
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

/** The NHI if it lies within what this person may change; otherwise it does not exist for them. */
export async function findEditableNhi(tx: Tx, actor: HumanActor, nhiId: string) {
  const nhi = await tx.nhi.findFirst({ where: { id: nhiId, ...nhiScope(actor, 'editNhis') } });
  if (!nhi) throw notFound('That identity');
  return nhi;
}

/** For the edit page: the NHI if this person may edit it, else null (a sponsor never sees others'). */
export async function findNhiForEdit(actor: Actor, nhiId: string) {
  const person = requireHuman(actor, 'inventory.edit_sponsored');
  const db = await getDb();
  return db.nhi.findFirst({ where: { id: nhiId, ...nhiScope(person, 'editNhis') } });
}

/**
 * Updates one NHI only if it is still within the person's reach (and, when given, still in one of the expected
 * states): the scope rides in the `where`, so a change of sponsor or status in between cannot be overrun.
 */
async function updateWithinReach(
  tx: Tx,
  actor: HumanActor,
  nhiId: string,
  data: Parameters<Tx['nhi']['updateMany']>[0]['data'],
  expectedStatuses?: readonly NhiStatus[],
): Promise<void> {
  const { count } = await tx.nhi.updateMany({
    where: {
      id: nhiId,
      ...nhiScope(actor, 'editNhis'),
      ...(expectedStatuses ? { status: { in: [...expectedStatuses] } } : {}),
    },
    data,
  });
  if (count !== 1) throw conflict('This identity changed while you were editing it: reload and try again.');
}

/** Writes a new NHI; shared by the form and by imports, inside the caller's transaction. */
export async function insertNhi(tx: Tx, input: CreateNhiInput) {
  await requireActiveSponsor(tx, input.sponsorId);
  await requireUniqueExternalId(tx, input);
  return tx.nhi.create({ data: { ...input, searchText: nhiSearchText(input), nameKey: nameKey(input.name) } });
}

export const createNhi = personUseCase({
  permission: 'inventory.manage',
  input: createNhiSchema,
  run: async ({ tx, audit }, fields) => {
    const nhi = await insertNhi(tx, fields);
    await recomputeFindings(tx, { nhiIds: [nhi.id] });
    audit(AUDIT_ACTIONS.nhiCreated, `nhi:${nhi.id}`, {
      name: nhi.name,
      kind: nhi.kind,
      system: nhi.system,
      sponsorId: nhi.sponsorId,
    });
    return nhi;
  },
});

function changesBetween<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  return Object.fromEntries(
    Object.entries(after)
      .filter(([key, value]) => before[key] !== value)
      .map(([key, value]) => [key, { from: before[key], to: value }]),
  );
}

/** Refuses a sponsor's change to a field that belongs to the source system or the security team. */
function requireSponsorEditable(changed: Record<string, unknown>): void {
  const refused = Object.keys(changed).filter(
    (field) => !(SPONSOR_EDITABLE_FIELDS as readonly string[]).includes(field),
  );
  if (refused.length === 0) return;
  throw new AppError(
    'FORBIDDEN',
    'A sponsor changes the description, the environment and the co-owners; ask the security team for the rest.',
    403,
    { fieldErrors: Object.fromEntries(refused.map((field) => [field, ['Only the security team changes this.']])) },
  );
}

/** SECURITY and ADMIN edit any NHI; a sponsor edits the description and environment of their own. */
export const updateNhi = personUseCase({
  permission: 'inventory.edit_sponsored',
  input: updateNhiSchema,
  run: async ({ tx, actor, audit }, { id, ...fields }) => {
    const before = await findEditableNhi(tx, actor, id);
    const changed = changesBetween(before, fields);
    if (Object.keys(changed).length === 0) return before;
    if (reachesOnlySponsored(actor, 'editNhis')) requireSponsorEditable(changed);
    if ('sponsorId' in changed) await requireActiveSponsor(tx, fields.sponsorId);
    await requireUniqueExternalId(tx, fields, id);
    await updateWithinReach(tx, actor, id, {
      ...fields,
      searchText: nhiSearchText(fields),
      nameKey: nameKey(fields.name),
    });
    await recomputeFindings(tx, { nhiIds: [id] });
    audit(AUDIT_ACTIONS.nhiUpdated, `nhi:${id}`, { changed });
    return tx.nhi.findUniqueOrThrow({ where: { id } });
  },
});

export const assignSponsor = personUseCase({
  permission: 'inventory.manage',
  input: assignSponsorSchema,
  run: async ({ tx, actor, audit }, { nhiId, sponsorId }) => {
    const before = await findEditableNhi(tx, actor, nhiId);
    if (before.sponsorId === sponsorId) return before;
    await requireActiveSponsor(tx, sponsorId);
    await updateWithinReach(tx, actor, nhiId, { sponsorId });
    await recomputeFindings(tx, { nhiIds: [nhiId] });
    audit(AUDIT_ACTIONS.nhiSponsorAssigned, `nhi:${nhiId}`, { from: before.sponsorId, to: sponsorId });
    return tx.nhi.findUniqueOrThrow({ where: { id: nhiId } });
  },
});

/** Sets the people who co-own an NHI beside its sponsor; a sponsor may do it for their own. */
export const setNhiOwners = personUseCase({
  permission: 'inventory.edit_sponsored',
  input: setOwnersSchema,
  run: async ({ tx, actor, audit }, { nhiId, ownerIds }) => {
    await findEditableNhi(tx, actor, nhiId);
    const wanted = [...new Set(ownerIds)];
    const people = await tx.human.findMany({ where: { id: { in: wanted }, status: 'ACTIVE' }, select: { id: true } });
    if (people.length !== wanted.length) throw fieldError('ownerIds', 'Choose active people only.');
    const current = await tx.nhiOwner.findMany({ where: { nhiId }, select: { humanId: true } });
    const currentIds = current.map((owner) => owner.humanId);
    const added = wanted.filter((id) => !currentIds.includes(id));
    const removed = currentIds.filter((id) => !wanted.includes(id));
    if (added.length + removed.length === 0) return { added, removed };
    await tx.nhiOwner.deleteMany({ where: { nhiId, humanId: { in: removed } } });
    await tx.nhiOwner.createMany({ data: added.map((humanId) => ({ nhiId, humanId })) });
    audit(AUDIT_ACTIONS.nhiOwnersChanged, `nhi:${nhiId}`, { added, removed });
    return { added, removed };
  },
});

/** The credentials and API keys that stop working when an NHI is decommissioned. */
async function readDecommissionImpact(tx: Tx | Awaited<ReturnType<typeof getDb>>, nhiId: string) {
  const credentials = await tx.credential.findMany({
    where: { status: 'ACTIVE', OR: [{ subjectNhiId: nhiId }, { holderNhiId: nhiId }] },
    select: { id: true, name: true, kind: true, subjectHumanId: true },
    orderBy: { name: 'asc' },
  });
  const apiKeys = await tx.apiKey.findMany({
    where: { nhiId, revokedAt: null },
    select: { id: true, name: true, kind: true, prefix: true },
    orderBy: { name: 'asc' },
  });
  return { credentials, apiKeys };
}

export type DecommissionImpact = Awaited<ReturnType<typeof readDecommissionImpact>>;

/** What decommissioning an NHI would revoke, for the confirmation; writes nothing. */
export async function previewDecommission(actor: Actor, input: unknown): Promise<DecommissionImpact> {
  const person = requireHuman(actor, 'inventory.manage');
  const { nhiId } = parseInput(nhiIdSchema, input);
  const db = await getDb();
  const nhi = await db.nhi.findFirst({ where: { id: nhiId, ...nhiScope(person, 'editNhis') }, select: { id: true } });
  if (!nhi) throw notFound('That identity');
  return readDecommissionImpact(db, nhiId);
}

async function revokeEverythingOf(tx: Tx, actor: HumanActor, nhiId: string, reason: string) {
  const { credentials, apiKeys } = await readDecommissionImpact(tx, nhiId);
  const now = new Date();
  await tx.credential.updateMany({
    where: { id: { in: credentials.map((credential) => credential.id) }, status: 'ACTIVE' },
    data: { status: 'REVOKED', revokedAt: now, revokedById: actor.humanId, revocationReason: reason },
  });
  await tx.apiKey.updateMany({
    where: { id: { in: apiKeys.map((key) => key.id) }, revokedAt: null },
    data: { revokedAt: now, revokedById: actor.humanId },
  });
  await recomputeFindings(tx, { credentialIds: credentials.map((credential) => credential.id) });
  return {
    revokedCredentialIds: credentials.map((credential) => credential.id),
    revokedApiKeyIds: apiKeys.map((key) => key.id),
  };
}

const STATUS_CHANGES = {
  suspend: {
    to: 'SUSPENDED',
    from: ['ACTIVE', 'DISCOVERED'],
    action: AUDIT_ACTIONS.nhiSuspended,
    permission: 'inventory.edit_sponsored',
    verb: 'suspended',
  },
  reactivate: {
    to: 'ACTIVE',
    from: ['SUSPENDED', 'DISCOVERED'],
    action: AUDIT_ACTIONS.nhiReactivated,
    permission: 'inventory.edit_sponsored',
    verb: 'reactivated',
  },
  decommission: {
    to: 'DECOMMISSIONED',
    from: ['ACTIVE', 'SUSPENDED', 'DISCOVERED'],
    action: AUDIT_ACTIONS.nhiDecommissioned,
    permission: 'inventory.manage',
    verb: 'decommissioned',
  },
} as const;

type StatusChangeName = keyof typeof STATUS_CHANGES;

/** A suspension is containment: once on, only the security team lifts it, not the sponsor who may have caused it. */
function requireMayLift(actor: HumanActor, change: StatusChangeName, from: NhiStatus): void {
  if (change === 'reactivate' && from === 'SUSPENDED' && !can(actor, 'inventory.lift_suspension'))
    throw forbidden('Only the security team lifts a suspension: ask them to review it.');
}

function changeStatus(change: StatusChangeName) {
  const rule = STATUS_CHANGES[change];
  return personUseCase({
    permission: rule.permission,
    input: nhiStatusChangeSchema,
    run: async ({ tx, actor, audit }, { nhiId, reason }) => {
      const before = await findEditableNhi(tx, actor, nhiId);
      if (!(rule.from as readonly NhiStatus[]).includes(before.status))
        throw conflict(`${before.name} is ${before.status.toLowerCase()}: it cannot be ${rule.verb}.`);
      requireMayLift(actor, change, before.status);
      await updateWithinReach(tx, actor, nhiId, { status: rule.to }, [before.status]);
      const revoked =
        change === 'decommission'
          ? await revokeEverythingOf(
              tx,
              actor,
              nhiId,
              `Decommissioning of ${before.name}${reason ? `: ${reason}` : ''}`,
            )
          : {};
      await recomputeFindings(tx, { nhiIds: [nhiId] });
      audit(rule.action, `nhi:${nhiId}`, { from: before.status, to: rule.to, reason, ...revoked });
      return tx.nhi.findUniqueOrThrow({ where: { id: nhiId } });
    },
  });
}

/** From this commit on, every runtime decision for the NHI is a deny (IDENTITY_SUSPENDED) and its keys are refused. */
export const suspendNhi = changeStatus('suspend');
export const reactivateNhi = changeStatus('reactivate');
/** Ends the NHI for good: its credentials and API keys are revoked in the same transaction. */
export const decommissionNhi = changeStatus('decommission');
