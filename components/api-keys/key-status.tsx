import type { ApiKeyStatus } from '@/lib/api-keys/list';
import { Badge, type Tone } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { expiresSoon } from './expiry';

type Key = {
  status: ApiKeyStatus;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: { name: string } | null;
};

const STATUS: Record<ApiKeyStatus, { label: string; tone: Tone }> = {
  ACTIVE: { label: 'Active', tone: 'success' },
  REVOKED: { label: 'Revoked', tone: 'danger' },
  EXPIRED: { label: 'Expired', tone: 'neutral' },
};

/** A key's state, and when it ends or ended: active, expiring soon, expired, or revoked by whom. */
export function KeyStatus({ apiKey }: { apiKey: Key }) {
  const soon = expiresSoon(apiKey);
  return (
    <>
      <span className="flex flex-wrap gap-1">
        <Badge tone={STATUS[apiKey.status].tone}>{STATUS[apiKey.status].label}</Badge>
        {soon ? <Badge tone="warning">Expires soon</Badge> : null}
      </span>
      {apiKey.status === 'ACTIVE' && apiKey.expiresAt ? (
        <p className={soon ? 'mt-1 text-xs font-medium text-amber-800' : 'mt-1 text-xs text-slate-500'}>
          expires <RelativeTime date={apiKey.expiresAt} />
        </p>
      ) : null}
      {apiKey.status === 'ACTIVE' && !apiKey.expiresAt ? (
        <p className="mt-1 text-xs text-slate-500">never expires</p>
      ) : null}
      {apiKey.status === 'EXPIRED' && apiKey.expiresAt ? (
        <p className="mt-1 text-xs text-slate-500">
          expired <RelativeTime date={apiKey.expiresAt} />
        </p>
      ) : null}
      {apiKey.revokedAt ? (
        <p className="mt-1 text-xs text-slate-500">
          <RelativeTime date={apiKey.revokedAt} />
          {apiKey.revokedBy ? ` by ${apiKey.revokedBy.name}` : null}
        </p>
      ) : null}
    </>
  );
}
