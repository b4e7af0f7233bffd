import 'server-only';
import { transaction, type Db, type Tx } from '../db';
import { nameKey, nhiSearchText } from './search-text';

const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;

export function severityRank(severity: keyof typeof SEVERITY_RANK): number {
  return SEVERITY_RANK[severity];
}

/**
 * Recomputes the inventory's per-NHI figures (credential counts, open findings, highest severity, orphaned,
 * search text) for the given NHIs. Call it in the transaction of any change they rest on.
 */
export async function refreshNhiStats(tx: Tx | Db, nhiIds: string[]): Promise<void> {
  const ids = [...new Set(nhiIds)];
  if (ids.length === 0) return;
  const nhis = await tx.nhi.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      externalId: true,
      system: true,
      description: true,
      status: true,
      sponsor: { select: { status: true } },
      heldCredentials: { where: { status: 'ACTIVE' }, select: { id: true, expiresAt: true, subjectHumanId: true } },
      subjectCredentials: { where: { status: 'ACTIVE' }, select: { id: true, expiresAt: true } },
      findings: { where: { status: 'OPEN' }, select: { severity: true } },
    },
  });
  for (const nhi of nhis) {
    const credentials = new Map(
      [...nhi.subjectCredentials, ...nhi.heldCredentials].map((credential) => [credential.id, credential]),
    );
    const all = [...credentials.values()];
    await tx.nhi.update({
      where: { id: nhi.id },
      data: {
        searchText: nhiSearchText(nhi),
        nameKey: nameKey(nhi.name),
        credentialCount: all.length,
        standingCredentialCount: all.filter((credential) => credential.expiresAt === null).length,
        borrowedCredentialCount: nhi.heldCredentials.filter((credential) => credential.subjectHumanId !== null).length,
        openFindingCount: nhi.findings.length,
        highestSeverityRank: Math.max(0, ...nhi.findings.map((finding) => severityRank(finding.severity))),
        orphaned: nhi.status !== 'DECOMMISSIONED' && nhi.sponsor?.status !== 'ACTIVE',
      },
    });
  }
}

/** Every NHI, in pages: for seeding, imports and repairs. */
export async function refreshAllNhiStats(db: Db, pageSize = 500): Promise<number> {
  let after = '';
  let refreshed = 0;
  for (;;) {
    const page = await db.nhi.findMany({
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      take: pageSize,
      select: { id: true },
    });
    if (page.length === 0) return refreshed;
    await transaction(
      (tx) =>
        refreshNhiStats(
          tx,
          page.map((nhi) => nhi.id),
        ),
      { timeoutMs: 120_000 },
    );
    refreshed += page.length;
    after = page[page.length - 1].id;
  }
}
