import { Card, CardHeader } from '@/components/ui/card';

const HEADERS = [
  ['Steward-Signature', 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> keyed with the signing secret'],
  ['Steward-Delivery', 'the delivery id, the same on every retry: drop a delivery you have already handled'],
  ['Steward-Event', 'scope.requested, scope.approved, scope.denied, scope.revoked, scope.completed or webhook.test'],
] as const;

/** What a receiver gets and how it checks that Steward sent it. */
export function WebhookHeaders() {
  return (
    <Card>
      <CardHeader
        title="What the receiver gets"
        description={
          <>
            A POST with the body <code className="font-mono">{'{"id","event","occurredAt","data"}'}</code>. Answer with
            a 2xx answer within 5 seconds; anything else is retried after 30 s, 2 min, 10 min, 1 h and 6 h, then marked
            failed.
          </>
        }
      />
      <dl className="divide-y divide-slate-100 px-5 text-sm">
        {HEADERS.map(([name, meaning]) => (
          <div key={name} className="py-3 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-4">
            <dt className="font-mono text-slate-900">{name}</dt>
            <dd className="mt-1 break-words text-slate-600 sm:mt-0">{meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
        To verify, compute the HMAC over the raw body as received, compare it in constant time, and refuse a timestamp
        more than five minutes from your clock.
      </p>
    </Card>
  );
}
