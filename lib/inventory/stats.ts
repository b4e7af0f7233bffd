import 'server-only';
import { join, raw } from '@prisma/client/runtime/client';
import { transaction, type Db, type Tx } from '../db';
import { nameKey, nhiSearchText } from './search-text';

const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;

export function severityRank(severity: keyof typeof SEVERITY_RANK): number {
  return SEVERITY_RANK[severity];
}

/** The figures of one NHI, counted by the database, with the fields its search text is made of. */
type NhiFigures = {
  id: string;
  name: string;
  externalId: string;
  system: string;
  description: string | null;
  status: string;
  sponsorStatus: string | null;
  credentialCount: bigint | number;
  standingCredentialCount: bigint | number;
  borrowedCredentialCount: bigint | number;
  openFindingCount: bigint | number;
  highestSeverityRank: bigint | number | null;
};

/** Keeps the IN list of one query well below the bind-parameter limits of both databases. */
const IDS_PER_QUERY = 500;

const SEVERITY_RANK_SQL = raw(
  `CASE f."severity" ${Object.entries(SEVERITY_RANK)
    .map(([severity, rank]) => `WHEN '${severity}' THEN ${rank}`)
    .join(' ')} ELSE 0 END`,
);

/**
 * One query counts what the inventory shows of each NHI. A credential it both holds and is the subject of
 * counts once. The credentials' status is tested in the counted expression, not the WHERE clause, so that
 * SQLite looks them up by holder and subject rather than by status (most credentials are active).
 */
function figuresOf(tx: Tx | Db, ids: string[]): Promise<NhiFigures[]> {
  return tx.$queryRaw<NhiFigures[]>`
    SELECT n."id", n."name", n."externalId", n."system", n."description", n."status", s."status" AS "sponsorStatus",
      (SELECT COUNT(CASE WHEN c."status" = 'ACTIVE' THEN 1 END) FROM "credentials" c
        WHERE c."holderNhiId" = n."id" OR c."subjectNhiId" = n."id") AS "credentialCount",
      (SELECT COUNT(CASE WHEN c."status" = 'ACTIVE' AND c."expiresAt" IS NULL THEN 1 END) FROM "credentials" c
        WHERE c."holderNhiId" = n."id" OR c."subjectNhiId" = n."id") AS "standingCredentialCount",
      (SELECT COUNT(CASE WHEN c."status" = 'ACTIVE' AND c."subjectHumanId" IS NOT NULL THEN 1 END) FROM "credentials" c
        WHERE c."holderNhiId" = n."id") AS "borrowedCredentialCount",
      (SELECT COUNT(*) FROM "findings" f WHERE f."nhiId" = n."id" AND f."status" = 'OPEN') AS "openFindingCount",
      (SELECT MAX(${SEVERITY_RANK_SQL}) FROM "findings" f WHERE f."nhiId" = n."id" AND f."status" = 'OPEN')
        AS "highestSeverityRank"
    FROM "nhis" n LEFT JOIN "humans" s ON s."id" = n."sponsorId"
    WHERE n."id" IN (${join(ids)})`;
}

/**
 * Recomputes the inventory's per-NHI figures (credential counts, open findings, highest severity, orphaned,
 * search text) for the given NHIs. Call it in the transaction of any change they rest on.
 */
export async function refreshNhiStats(tx: Tx | Db, nhiIds: string[]): Promise<void> {
  const ids = [...new Set(nhiIds)];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    for (const nhi of await figuresOf(tx, ids.slice(start, start + IDS_PER_QUERY))) {
      await tx.nhi.update({
        where: { id: nhi.id },
        data: {
          searchText: nhiSearchText(nhi),
          nameKey: nameKey(nhi.name),
          credentialCount: Number(nhi.credentialCount),
          standingCredentialCount: Number(nhi.standingCredentialCount),
          borrowedCredentialCount: Number(nhi.borrowedCredentialCount),
          openFindingCount: Number(nhi.openFindingCount),
          highestSeverityRank: Number(nhi.highestSeverityRank ?? 0),
          orphaned: nhi.status !== 'DECOMMISSIONED' && nhi.sponsorStatus !== 'ACTIVE',
        },
      });
    }
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
