'use client';

import { useRef, useState } from 'react';
import { Dialog } from 'radix-ui';
import { Check, Copy, TriangleAlert } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { KEY_KINDS } from './kinds';
import type { CreatedKey } from './types';

/** The only time a key's secret is shown: copy it, with a plain warning that it will not be shown again. */
export function SecretOnce({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const secretRef = useRef<HTMLElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      if (secretRef.current) window.getSelection()?.selectAllChildren(secretRef.current);
      toast.error('Your browser did not allow copying: the secret is selected, copy it with your keyboard.');
    }
  }

  return (
    <>
      <Dialog.Title className="text-base font-semibold text-slate-900">Copy the secret now</Dialog.Title>
      <Dialog.Description className="mt-1 text-sm break-words text-slate-500">
        {KEY_KINDS[created.kind].label} key “{created.name}” was created.
      </Dialog.Description>
      <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-stretch">
        <code
          ref={secretRef}
          data-testid="api-key-secret"
          className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-sm break-all text-slate-50 select-all"
        >
          {created.secret}
        </code>
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p
        role="note"
        className="mt-4 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
      >
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>
          You will not see this secret again. Steward keeps only its hash: if it is lost, revoke the key and create a
          new one.
        </span>
      </p>
      <p className="mt-3 text-xs text-slate-500">
        Callers send it in the header <code className="font-mono">Authorization: Bearer &lt;secret&gt;</code>. The list
        shows it as <code className="font-mono">{created.prefix}…</code>
      </p>
      <div className="mt-5 flex justify-end">
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
    </>
  );
}
