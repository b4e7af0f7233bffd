import { Download } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';

/**
 * Exports a pack for a range of UTC days. A plain POST form: the browser downloads the file, and a bad range comes
 * back to this page with the reason.
 */
export function ExportForm({ action, from, to, error }: { action: string; from: string; to: string; error?: string }) {
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Export an evidence pack"
        description="The events recorded in the range, the control statuses, a newly signed checkpoint and the public key, signed as one JSON file. The CSV forms carry the same events and controls; the pack signs their SHA-256."
      />
      <form action={action} method="post" className="space-y-4 px-5 py-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="From (UTC day)" htmlFor="evidence-from" errors={error ? [error] : undefined}>
            <Input id="evidence-from" name="from" type="date" required defaultValue={from} invalid={Boolean(error)} />
          </Field>
          <Field label="To (UTC day, included)" htmlFor="evidence-to">
            <Input id="evidence-to" name="to" type="date" required defaultValue={to} />
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="download" value="json">
            <Download className="size-4" aria-hidden />
            Pack (JSON)
          </Button>
          <Button type="submit" name="download" value="events.csv" variant="secondary">
            events.csv
          </Button>
          <Button type="submit" name="download" value="controls.csv" variant="secondary">
            controls.csv
          </Button>
        </div>
        <p className="text-xs text-slate-500">
          Each download signs a new checkpoint and is recorded in the audit trail. Verify a pack offline with{' '}
          <code className="font-mono">npm run verify -- --evidence pack.json</code>, or with openssl as the README
          shows.
        </p>
      </form>
    </Card>
  );
}
