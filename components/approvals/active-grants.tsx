import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { NHI_STATUS_LABELS } from '@/components/inventory/labels';
import { ActionDialog, type FormAction } from './action-dialog';
import { formatTimeLeft, labelOf, utcMinute } from './format';
import type { ActiveGrant } from './types';

export type GrantActions = { revoke: FormAction; revokeAll: FormAction; suspend: FormAction };

type Agent = ActiveGrant['nhi'];

const SOON_MS = 5 * 60_000;
/** Below their breakpoint these columns fold into the task's cell, so that the revoke button stays in view. */
const WIDE_ONLY = 'hidden md:table-cell';
const SMALL_UP = 'hidden sm:table-cell';

/** The page's grants by agent, in the order their first grant expires. */
function byAgent(grants: ActiveGrant[]): { agent: Agent; grants: ActiveGrant[] }[] {
  const groups = new Map<string, { agent: Agent; grants: ActiveGrant[] }>();
  for (const grant of grants) {
    const group = groups.get(grant.nhi.id) ?? { agent: grant.nhi, grants: [] };
    group.grants.push(grant);
    groups.set(grant.nhi.id, group);
  }
  return [...groups.values()];
}

function TimeLeft({ expiresAt, now }: { expiresAt: Date; now: Date }) {
  const soon = expiresAt.getTime() - now.getTime() < SOON_MS;
  return (
    <time
      dateTime={expiresAt.toISOString()}
      title={`Ends ${utcMinute(expiresAt)}`}
      className={cn('whitespace-nowrap tabular-nums', soon ? 'text-amber-700' : 'text-slate-700')}
    >
      {formatTimeLeft(expiresAt, now)}
    </time>
  );
}

function Uses({ grant }: { grant: ActiveGrant }) {
  return (
    <span className="whitespace-nowrap tabular-nums">
      {grant.maxUses === null ? `${grant.useCount} used, no limit` : `${grant.useCount} of ${grant.maxUses} used`}
    </span>
  );
}

function Token({ token }: { token: ActiveGrant['token'] }) {
  if (!token) return <span className="whitespace-nowrap text-slate-500">Not fetched yet</span>;
  return (
    <span className="whitespace-nowrap">
      Fetched <RelativeTime date={token.issuedAt} />
    </span>
  );
}

function Patterns({ items, label }: { items: string[]; label: string }) {
  return (
    <span className="block font-mono text-xs wrap-anywhere text-slate-600">
      <span className="sr-only">{label}: </span>
      {items.join(', ')}
    </span>
  );
}

function GrantRow({ grant, now, revoke }: { grant: ActiveGrant; now: Date; revoke: FormAction | null }) {
  return (
    <Tr>
      <Td className="min-w-48">
        <p className="font-medium break-words text-slate-900">{grant.task}</p>
        <Patterns items={grant.actions} label="Actions" />
        <p className="mt-0.5 text-xs break-words text-slate-500">
          {grant.initiator ? `For ${grant.initiator}` : 'No human initiator'}
          {grant.approvedAt ? (
            <>
              {' · approved '}
              <RelativeTime date={grant.approvedAt} />
            </>
          ) : null}
        </p>
        <div className="mt-1.5 space-y-0.5 text-xs text-slate-600 md:hidden">
          <p className="sm:hidden">
            <TimeLeft expiresAt={grant.expiresAt} now={now} />
          </p>
          <Patterns items={grant.resources} label="Resources" />
          <p>
            <Uses grant={grant} /> · <Token token={grant.token} />
          </p>
        </div>
      </Td>
      <Td className={cn(WIDE_ONLY, 'max-w-72')}>
        <Patterns items={grant.resources} label="Resources" />
      </Td>
      <Td className={SMALL_UP}>
        <TimeLeft expiresAt={grant.expiresAt} now={now} />
      </Td>
      <Td className={cn(WIDE_ONLY, 'text-slate-700')}>
        <Uses grant={grant} />
      </Td>
      <Td className={cn(WIDE_ONLY, 'text-slate-700')}>
        <Token token={grant.token} />
      </Td>
      <Td className="text-right">
        {revoke ? (
          <ActionDialog
            action={revoke}
            fields={{ scopeId: grant.id }}
            triggerLabel="Revoke"
            title={`Revoke “${grant.task}”?`}
            description={`${grant.nhi.name} loses this grant at once: its task token is refused from the next decision on, and the agent must ask again for a new scope.`}
            submitLabel="Revoke grant"
            triggerVariant="danger"
            submitVariant="danger"
            reason="required"
          />
        ) : null}
      </Td>
    </Tr>
  );
}

function AgentActions({
  agent,
  actions,
  maySuspend,
  mayLiftSuspension,
}: {
  agent: Agent;
  actions: GrantActions;
  maySuspend: boolean;
  mayLiftSuspension: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {' '}
      <ActionDialog
        action={actions.revokeAll}
        fields={{ nhiId: agent.id }}
        triggerLabel="Revoke all its grants"
        title={`Revoke every grant of ${agent.name}?`}
        description="Every active grant of this agent ends at once, also those on other pages, and each task token is refused from the next decision on. The agent itself stays active and may ask again."
        submitLabel="Revoke all"
        triggerVariant="danger"
        submitVariant="danger"
        reason="required"
      />
      {maySuspend && (agent.status === 'ACTIVE' || agent.status === 'DISCOVERED') ? (
        <ActionDialog
          action={actions.suspend}
          fields={{ nhiId: agent.id }}
          triggerLabel="Suspend agent"
          title={`Suspend ${agent.name}?`}
          description={`The kill switch: from this moment every runtime decision for it is a deny, whatever its grants, and its API keys are refused. ${mayLiftSuspension ? 'You can reactivate it later from its page.' : 'Only the security team can lift the suspension.'}`}
          submitLabel="Suspend"
          triggerVariant="danger"
          submitVariant="danger"
          reason="optional"
        />
      ) : null}
    </div>
  );
}

/** Live grants, agent by agent: time left, uses, whether the token was fetched; revoke one, all, or suspend. */
export function ActiveGrants({
  grants,
  now,
  actions,
  mayRevoke,
  maySuspend,
  mayLiftSuspension,
  filtered,
}: {
  grants: ActiveGrant[];
  /** The list shows one agent's grants only. */
  filtered: boolean;
  now: Date;
  actions: GrantActions;
  mayRevoke: boolean;
  maySuspend: boolean;
  mayLiftSuspension: boolean;
}) {
  return (
    <Table caption="Active grants, by agent">
      <thead>
        <tr>
          <Th>Task</Th>
          <Th className={WIDE_ONLY}>Resources</Th>
          <Th className={SMALL_UP}>Time left</Th>
          <Th className={WIDE_ONLY}>Uses</Th>
          <Th className={WIDE_ONLY}>Task token</Th>
          <Th>
            <span className="sr-only">Revoke</span>
          </Th>
        </tr>
      </thead>
      {byAgent(grants).map(({ agent, grants: own }) => (
        <tbody key={agent.id} data-testid="agent-grants">
          <tr>
            <th
              scope="rowgroup"
              colSpan={6}
              className="border-y border-slate-200 bg-slate-50/70 px-4 py-2.5 text-left font-normal"
            >
              <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
                <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
                  <Link
                    href={`/inventory/identities/${agent.id}`}
                    className="min-w-0 font-semibold break-words text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {agent.name}
                  </Link>
                  {agent.status === 'ACTIVE' ? null : (
                    <Badge tone="warning">{labelOf(NHI_STATUS_LABELS, agent.status)}</Badge>
                  )}
                  {filtered ? null : (
                    <Link href={`/approvals/grants?nhi=${agent.id}`} className="text-xs text-brand-700 hover:underline">
                      Only its grants
                    </Link>
                  )}
                </div>
                {mayRevoke ? (
                  <AgentActions
                    agent={agent}
                    actions={actions}
                    maySuspend={maySuspend}
                    mayLiftSuspension={mayLiftSuspension}
                  />
                ) : null}
              </div>
              {agent.status === 'SUSPENDED' ? (
                <p className="mt-1.5 text-sm text-amber-900">
                  Suspended: every runtime decision for it is a deny until the security team reactivates it.
                </p>
              ) : null}
            </th>
          </tr>
          {own.map((grant) => (
            <GrantRow key={grant.id} grant={grant} now={now} revoke={mayRevoke ? actions.revoke : null} />
          ))}
        </tbody>
      ))}
    </Table>
  );
}
