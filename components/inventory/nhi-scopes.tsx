import type { NhiDetail } from '@/lib/inventory/detail';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { ScopeStatusBadge } from './status-badge';

type Scope = NhiDetail['scopes'][number];

export function NhiScopes({ scopes }: { scopes: Scope[] }) {
  return (
    <Card>
      <CardHeader title="Task scopes" description="The latest requests for task-scoped access, newest first" />
      {scopes.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">This identity has never asked for a task-scoped credential.</p>
      ) : (
        <Table caption="Task scopes of this identity">
          <thead>
            <tr>
              <Th>Task</Th>
              <Th>Status</Th>
              <Th>Initiator</Th>
              <Th>Requested</Th>
              <Th>Expires</Th>
            </tr>
          </thead>
          <tbody>
            {scopes.map((scope) => (
              <Tr key={scope.id}>
                <Td>
                  <p className="max-w-80 truncate text-slate-900" title={scope.task}>
                    {scope.task}
                  </p>
                </Td>
                <Td>
                  <ScopeStatusBadge status={scope.status} />
                </Td>
                <Td className="text-slate-600">
                  {scope.initiator ? (
                    <span className="block max-w-56 truncate" title={scope.initiator.email}>
                      {scope.initiator.name}
                    </span>
                  ) : (
                    <span className="text-slate-400">None (autonomous)</span>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <RelativeTime date={scope.requestedAt} />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  {scope.expiresAt ? <RelativeTime date={scope.expiresAt} /> : '—'}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
