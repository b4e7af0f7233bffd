import 'server-only';
import type { Db, Tx } from '../db';
import type { BorrowedMark, DetectionInventory, SuppressionRule } from '../detect/borrowed';

/**
 * What detection and attribution need to know about the inventory, read in a few narrow queries: people with the
 * names the logs use for them, NHIs, credentials by fingerprint, and the suppressions in force.
 */

type SuppressionRow = {
  id: string;
  reason: string;
  expiresAt: Date;
  matchCredential: string | null;
  matchHuman: string | null;
  matchAgent: string | null;
  matchSource: string | null;
};

function suppressionRule(row: SuppressionRow): SuppressionRule {
  const match: SuppressionRule['match'] = {};
  if (row.matchCredential !== null) match.credential = row.matchCredential;
  if (row.matchHuman !== null) match.human = row.matchHuman;
  if (row.matchAgent !== null) match.agent = row.matchAgent;
  if (row.matchSource !== null) match.source = row.matchSource;
  return { id: row.id, reason: row.reason, expiresAt: row.expiresAt, match };
}

/** The suppressions in force at `now`, oldest first: the first that matches a case names it. */
export async function loadSuppressionRules(client: Db | Tx, now: Date): Promise<SuppressionRule[]> {
  const rows = await client.borrowedSuppression.findMany({
    where: { liftedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(suppressionRule);
}

export async function loadDetectionInventory(client: Db | Tx, now: Date): Promise<DetectionInventory> {
  const [humans, aliases, nhis, credentials, suppressions] = await Promise.all([
    client.human.findMany({ select: { id: true, email: true, name: true }, orderBy: { id: 'asc' } }),
    client.personAlias.findMany({ select: { humanId: true, externalId: true } }),
    client.nhi.findMany({ select: { id: true, system: true, externalId: true, name: true } }),
    client.credential.findMany({
      select: {
        id: true,
        fingerprint: true,
        kind: true,
        subjectHumanId: true,
        subjectNhiId: true,
        holderNhiId: true,
      },
    }),
    loadSuppressionRules(client, now),
  ]);
  const aliasesByHuman = new Map<string, string[]>();
  for (const alias of aliases) {
    const list = aliasesByHuman.get(alias.humanId) ?? [];
    list.push(alias.externalId);
    aliasesByHuman.set(alias.humanId, list);
  }
  return {
    people: humans.map((human) => ({
      id: human.id,
      email: human.email,
      name: human.name,
      externalIds: aliasesByHuman.get(human.id) ?? [],
    })),
    nhis,
    credentials,
    suppressions,
  };
}

type StoredMark = { caseId: string; credentialKey: string; from: string; to: string; clientFamilies: string[] };

function markOf(coverage: string): BorrowedMark | null {
  try {
    const stored = JSON.parse(coverage) as StoredMark;
    return { ...stored, from: new Date(stored.from), to: new Date(stored.to) };
  } catch {
    return null;
  }
}

/** The events flagged cases cover, resolved ones included: what was borrowed then stays borrowed. */
export async function loadBorrowedMarks(client: Db | Tx): Promise<BorrowedMark[]> {
  const rows = await client.borrowedCase.findMany({ where: { flagged: true }, select: { coverage: true } });
  return rows.map((row) => markOf(row.coverage)).filter((mark): mark is BorrowedMark => mark !== null);
}
