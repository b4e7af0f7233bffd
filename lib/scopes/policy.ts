import 'server-only';
import { getDb, type Db, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { personUseCase } from '../use-case';
import { scopePolicySchema } from './schemas';
import { DEFAULT_SCOPE_POLICY, type ScopePolicy } from './risk';

const POLICY_KEY = 'scope.policy';

/** The deployment's scope policy: what Settings saved, over the defaults for anything it does not say. */
export async function readScopePolicy(db?: Db | Tx): Promise<ScopePolicy> {
  const reader = db ?? (await getDb());
  const row = await reader.setting.findUnique({ where: { key: POLICY_KEY } });
  if (!row) return DEFAULT_SCOPE_POLICY;
  const saved = scopePolicySchema.safeParse({ ...DEFAULT_SCOPE_POLICY, ...(JSON.parse(row.value) as object) });
  return saved.success ? saved.data : DEFAULT_SCOPE_POLICY;
}

function changes(before: ScopePolicy, after: ScopePolicy) {
  const keys = Object.keys(after) as (keyof ScopePolicy)[];
  return Object.fromEntries(
    keys
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => [key, { from: before[key], to: after[key] }]),
  );
}

export const updateScopePolicy = personUseCase({
  permission: 'settings.manage',
  input: scopePolicySchema,
  run: async ({ tx, audit }, policy): Promise<ScopePolicy> => {
    const before = await readScopePolicy(tx);
    const value = JSON.stringify(policy);
    await tx.setting.upsert({ where: { key: POLICY_KEY }, create: { key: POLICY_KEY, value }, update: { value } });
    audit(AUDIT_ACTIONS.scopePolicyUpdated, `setting:${POLICY_KEY}`, { changed: changes(before, policy) });
    return policy;
  },
});
