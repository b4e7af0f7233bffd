import 'server-only';
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import type { CredentialKind, HumanStatus, NhiKind } from '../db/generated/sqlite/enums';
import { notFound } from '../errors';
import type { BulkTarget, BulkTargetKind } from './schemas';

/**
 * What a bulk revocation ends, read by one function for the preview and again inside the revocation's
 * transaction: approved scopes and the task tokens issued for them, and the other active credentials that
 * authenticate as the target (a person's own credentials, borrowed ones included; an NHI's own). A sponsor's
 * grants are the scopes of the NHIs they sponsor; their own credentials are not grants and stay.
 */

export type TargetSummary = {
  kind: BulkTargetKind;
  id: string;
  label: string;
  detail: string;
  /** What the person types to confirm: an email, an NHI's name or a system's name. */
  confirmText: string;
  /** The audit resource the revocation is recorded under. */
  resource: string;
};

export type ScopeImpact = {
  id: string;
  task: string;
  expiresAt: string | null;
  nhi: { id: string; name: string };
  initiator: { id: string; name: string; email: string } | null;
  /** Null when the agent never fetched one; `active` false when it had already ended. */
  taskToken: { id: string; credentialId: string; active: boolean } | null;
};

export type TokenImpact = { id: string; credentialId: string; scopeId: string; nhiName: string; expiresAt: string };

export type CredentialImpact = {
  id: string;
  name: string;
  kind: CredentialKind;
  system: string;
  subject: string;
  holderNhi: { id: string; name: string } | null;
};

export type NhiImpact = { id: string; name: string; kind: NhiKind; system: string };

export type PersonRole = 'subject' | 'initiator' | 'sponsor';

export type PersonImpact = {
  id: string;
  name: string;
  email: string;
  status: HumanStatus;
  roles: PersonRole[];
};

export type BulkImpact = {
  target: TargetSummary;
  scopes: ScopeImpact[];
  tokens: TokenImpact[];
  credentials: CredentialImpact[];
  nhis: NhiImpact[];
  people: PersonImpact[];
  /** Requests still waiting for a decision: not grants, so they stay for their approvers to deny. */
  pendingRequests: number;
  digest: string;
};

async function summarizeTarget(db: Db | Tx, target: BulkTarget): Promise<TargetSummary> {
  const { kind, id } = target;
  if (kind === 'nhi') {
    const nhi = await db.nhi.findUnique({ where: { id }, select: { id: true, name: true, system: true } });
    if (!nhi) throw notFound('That identity');
    return { kind, id, label: nhi.name, detail: nhi.system, confirmText: nhi.name, resource: `nhi:${id}` };
  }
  if (kind === 'system') {
    const nhis = await db.nhi.count({ where: { system: id } });
    if (nhis === 0) throw notFound('That system');
    return {
      kind,
      id,
      label: id,
      detail: `${nhis} ${nhis === 1 ? 'identity' : 'identities'}`,
      confirmText: id,
      resource: `system:${id}`,
    };
  }
  const person = await db.human.findUnique({ where: { id }, select: { id: true, name: true, email: true } });
  if (!person) throw notFound('That person');
  return {
    kind,
    id,
    label: person.name,
    detail: person.email,
    confirmText: person.email,
    resource: `human:${id}`,
  };
}

function scopesOf(target: BulkTarget): Prisma.ScopeRequestWhereInput {
  switch (target.kind) {
    case 'nhi':
      return { nhiId: target.id };
    case 'system':
      return { nhi: { system: target.id } };
    case 'sponsor':
      return { nhi: { sponsorId: target.id } };
    case 'human':
      return { initiatorId: target.id };
  }
}

function credentialsOf(target: BulkTarget): Prisma.CredentialWhereInput | null {
  switch (target.kind) {
    case 'nhi':
      return { subjectNhiId: target.id };
    case 'system':
      return { subjectNhi: { system: target.id } };
    case 'human':
      return { subjectHumanId: target.id };
    case 'sponsor':
      return null;
  }
}

const personSelect = { id: true, name: true, email: true, status: true } as const;

const scopeSelect = {
  id: true,
  task: true,
  expiresAt: true,
  nhi: { select: { id: true, name: true, kind: true, system: true, sponsor: { select: personSelect } } },
  initiator: { select: personSelect },
  taskToken: { select: { id: true, credentialId: true, expiresAt: true, credential: { select: { status: true } } } },
} satisfies Prisma.ScopeRequestSelect;

const nhiSelect = { id: true, name: true, kind: true, system: true } as const;

const credentialSelect = {
  id: true,
  name: true,
  kind: true,
  system: true,
  subjectHuman: { select: personSelect },
  subjectNhi: { select: nhiSelect },
  holderNhi: { select: nhiSelect },
} satisfies Prisma.CredentialSelect;

function digestOf(scopes: ScopeImpact[], tokens: TokenImpact[], credentials: CredentialImpact[]): string {
  const sorted = (ids: string[]) => [...ids].sort();
  const canonical = JSON.stringify([
    sorted(scopes.map((scope) => scope.id)),
    sorted(tokens.map((token) => token.id)),
    sorted(credentials.map((credential) => credential.id)),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

type PersonRow = { id: string; name: string; email: string; status: HumanStatus };

class People {
  private readonly byId = new Map<string, PersonImpact>();

  add(person: PersonRow | null, role: PersonRole): void {
    if (!person) return;
    const known = this.byId.get(person.id) ?? { ...person, roles: [] };
    if (!known.roles.includes(role)) known.roles.push(role);
    this.byId.set(person.id, known);
  }

  list(): PersonImpact[] {
    return [...this.byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}

/** What revoking by this target would end right now. */
export async function readBulkImpact(db: Db | Tx, target: BulkTarget): Promise<BulkImpact> {
  const summary = await summarizeTarget(db, target);
  const scopeRows = await db.scopeRequest.findMany({
    where: { ...scopesOf(target), status: 'APPROVED' },
    orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
    select: scopeSelect,
  });
  const pendingRequests = await db.scopeRequest.count({ where: { ...scopesOf(target), status: 'PENDING' } });
  const credentialWhere = credentialsOf(target);
  const credentialRows = credentialWhere
    ? await db.credential.findMany({
        where: { ...credentialWhere, status: 'ACTIVE', kind: { not: 'TASK_TOKEN' } },
        orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
        select: credentialSelect,
      })
    : [];
  const targetNhi =
    target.kind === 'nhi' ? await db.nhi.findUnique({ where: { id: target.id }, select: nhiSelect }) : null;

  const people = new People();
  const nhis = new Map<string, NhiImpact>();
  if (targetNhi) nhis.set(targetNhi.id, targetNhi);
  const scopes: ScopeImpact[] = [];
  const tokens: TokenImpact[] = [];
  for (const row of scopeRows) {
    const { sponsor, ...nhi } = row.nhi;
    nhis.set(nhi.id, nhi);
    people.add(row.initiator, 'initiator');
    people.add(sponsor, 'sponsor');
    const token = row.taskToken;
    const active = token?.credential.status === 'ACTIVE';
    if (token && active)
      tokens.push({
        id: token.id,
        credentialId: token.credentialId,
        scopeId: row.id,
        nhiName: nhi.name,
        expiresAt: token.expiresAt.toISOString(),
      });
    scopes.push({
      id: row.id,
      task: row.task,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      nhi: { id: nhi.id, name: nhi.name },
      initiator: row.initiator ? { id: row.initiator.id, name: row.initiator.name, email: row.initiator.email } : null,
      taskToken: token ? { id: token.id, credentialId: token.credentialId, active } : null,
    });
  }
  const credentials = credentialRows.map((row): CredentialImpact => {
    people.add(row.subjectHuman, 'subject');
    for (const nhi of [row.subjectNhi, row.holderNhi]) if (nhi) nhis.set(nhi.id, nhi);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      system: row.system,
      subject: row.subjectHuman?.email ?? row.subjectNhi?.name ?? '',
      holderNhi: row.holderNhi ? { id: row.holderNhi.id, name: row.holderNhi.name } : null,
    };
  });
  return {
    target: summary,
    scopes,
    tokens,
    credentials,
    nhis: [...nhis.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    people: people.list(),
    pendingRequests,
    digest: digestOf(scopes, tokens, credentials),
  };
}

export function isEmptyImpact(impact: BulkImpact): boolean {
  return impact.scopes.length === 0 && impact.credentials.length === 0;
}
