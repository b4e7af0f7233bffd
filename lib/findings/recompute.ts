import 'server-only';
import type { Db, Tx } from '../db';
import { detectCredentialFindings, detectNhiFindings, type DetectedFinding } from '../detect/rules';
import { refreshNhiStats } from '../inventory/stats';

/**
 * `createdNhiIds` are NHIs the caller created in this transaction (included in `nhiIds`): no credential or
 * finding can name them yet, so none is looked up for them.
 */
export type RecomputeScope = { nhiIds?: string[]; credentialIds?: string[]; createdNhiIds?: string[] };
/** `updated` counts findings whose severity, evidence or wording changed; unchanged ones are not rewritten. */
export type RecomputeResult = { opened: number; updated: number; resolved: number };

const credentialFactsSelect = {
  id: true,
  name: true,
  kind: true,
  status: true,
  issuedAt: true,
  expiresAt: true,
  lastRotatedAt: true,
  subjectNhiId: true,
  subjectHuman: { select: { id: true, email: true, status: true } },
  holderNhi: { select: { id: true, name: true } },
  usages: {
    select: {
      executorKey: true,
      executorLabel: true,
      environment: true,
      eventCount: true,
      lastSeenAt: true,
      lastEventSeq: true,
    },
  },
} as const;

async function detect(tx: Tx | Db, nhiIds: string[], credentialIds: string[], now: Date): Promise<DetectedFinding[]> {
  // One query at a time: a transaction holds one connection, and the PostgreSQL driver runs its queries in turn.
  const nhis =
    nhiIds.length === 0
      ? []
      : await tx.nhi.findMany({
          where: { id: { in: nhiIds } },
          select: {
            id: true,
            name: true,
            kind: true,
            status: true,
            createdAt: true,
            lastSeenAt: true,
            sponsor: { select: { id: true, name: true, status: true } },
          },
        });
  // An empty list still costs a query per relation: skipped, as most changes touch NHIs or credentials, not both.
  const credentials =
    credentialIds.length === 0
      ? []
      : await tx.credential.findMany({ where: { id: { in: credentialIds } }, select: credentialFactsSelect });
  return [
    ...nhis.flatMap((nhi) => detectNhiFindings(nhi, now)),
    ...credentials.flatMap((credential) => detectCredentialFindings(credential, now)),
  ];
}

function stored(finding: DetectedFinding) {
  return {
    type: finding.type,
    severity: finding.severity,
    nhiId: finding.nhiId,
    credentialId: finding.credentialId,
    title: finding.title,
    rationale: finding.rationale,
    evidence: JSON.stringify(finding.evidence),
    controls: JSON.stringify(finding.controls),
  };
}

function sameAsStored(current: Record<string, unknown>, finding: DetectedFinding): boolean {
  return Object.entries(stored(finding)).every(([field, value]) => current[field] === value);
}

/**
 * Brings the findings of the given NHIs (and their credentials) and credentials in line with the data, in the
 * caller's transaction: new risks open, vanished ones resolve, a resolved one that comes back reopens, and an
 * accepted one stays accepted until its acceptance expires. Then the NHIs' inventory figures are refreshed.
 */
export async function recomputeFindings(
  tx: Tx | Db,
  scope: RecomputeScope,
  now = new Date(),
): Promise<RecomputeResult> {
  const nhiIds = [...new Set(scope.nhiIds ?? [])];
  const created = new Set(scope.createdNhiIds);
  const namedNhiIds = nhiIds.filter((id) => !created.has(id));
  const related = namedNhiIds.length
    ? await tx.credential.findMany({
        where: { OR: [{ holderNhiId: { in: namedNhiIds } }, { subjectNhiId: { in: namedNhiIds } }] },
        select: { id: true },
      })
    : [];
  const credentialIds = [...new Set([...(scope.credentialIds ?? []), ...related.map((credential) => credential.id)])];
  const detected = await detect(tx, nhiIds, credentialIds, now);
  const existing =
    namedNhiIds.length + credentialIds.length > 0
      ? await tx.finding.findMany({
          where: {
            OR: [{ nhiId: { in: namedNhiIds }, credentialId: null }, { credentialId: { in: credentialIds } }],
          },
        })
      : [];
  const existingByKey = new Map(existing.map((finding) => [finding.key, finding]));
  const result: RecomputeResult = { opened: 0, updated: 0, resolved: 0 };
  const touchedNhis = new Set(nhiIds);

  const opened: DetectedFinding[] = [];
  for (const finding of detected) {
    const current = existingByKey.get(finding.key);
    if (finding.nhiId) touchedNhis.add(finding.nhiId);
    if (!current) {
      opened.push(finding);
      continue;
    }
    const acceptanceOver =
      current.status === 'ACCEPTED' && current.acceptedUntil !== null && current.acceptedUntil <= now;
    const reopen = current.status === 'RESOLVED' || acceptanceOver;
    if (!reopen && sameAsStored(current, finding)) continue;
    await tx.finding.update({
      where: { id: current.id },
      data: { ...stored(finding), ...(reopen ? { status: 'OPEN', detectedAt: now, resolvedAt: null } : {}) },
    });
    if (reopen) result.opened += 1;
    else result.updated += 1;
  }
  if (opened.length > 0) {
    await tx.finding.createMany({
      data: opened.map((finding) => ({
        key: finding.key,
        ...stored(finding),
        status: 'OPEN' as const,
        detectedAt: now,
      })),
    });
    result.opened += opened.length;
  }

  const detectedKeys = new Set(detected.map((finding) => finding.key));
  for (const finding of existing) {
    if (detectedKeys.has(finding.key) || finding.status === 'RESOLVED') continue;
    await tx.finding.update({ where: { id: finding.id }, data: { status: 'RESOLVED', resolvedAt: now } });
    if (finding.nhiId) touchedNhis.add(finding.nhiId);
    result.resolved += 1;
  }

  await refreshNhiStats(tx, [...touchedNhis]);
  return result;
}

/** The ids of every NHI, a page at a time, in id order. */
export async function* nhiIdPages(db: Db, pageSize: number): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const page = await db.nhi.findMany({
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      take: pageSize,
      select: { id: true },
    });
    if (page.length === 0) return;
    yield page.map((nhi) => nhi.id);
    after = page[page.length - 1].id;
  }
}
