'use client';

import { startTransition, useActionState, useRef, useState } from 'react';
import { Check, Copy, Send, TriangleAlert } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { RelativeTime } from '@/components/ui/relative-time';
import { useActionToast } from '@/components/people/use-action-toast';
import type { WebhookActions } from './types';

/** The only time the signing secret is shown: copy it, with a plain warning that it will not be shown again. */
function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const secretRef = useRef<HTMLElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      if (secretRef.current) window.getSelection()?.selectAllChildren(secretRef.current);
      toast.error('Your browser did not allow copying: the secret is selected, copy it with your keyboard.');
    }
  }

  return (
    <div className="space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200 ring-inset">
      <h3 className="flex items-center gap-2 text-sm font-semibold text-amber-900">
        <TriangleAlert className="size-4 shrink-0" aria-hidden />
        Copy the signing secret now
      </h3>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-stretch">
        <code
          ref={secretRef}
          data-testid="webhook-secret"
          className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-sm break-all text-slate-50 select-all"
        >
          {secret}
        </code>
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="text-sm text-amber-900">
        Your receiver needs it to check the <code className="font-mono">Steward-Signature</code> header. It is not shown
        again: if it is lost, rotate it and give the receiver the new one.
      </p>
      <div className="flex justify-end">
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

export function WebhookForm({
  url,
  secretCreatedAt,
  save,
}: {
  url: string | null;
  secretCreatedAt: Date | null;
  save: WebhookActions['save'];
}) {
  // Runs the save action, or forgets its answer, and the secret in it, when given no form.
  const [state, dispatch, pending] = useActionState(
    (_previous: Awaited<ReturnType<WebhookActions['save']>>, form: FormData | null) => (form ? save(form) : null),
    null,
  );
  useActionToast(state?.secret ? null : state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const values = state?.ok ? undefined : state?.values;

  if (state?.secret) return <SecretOnce secret={state.secret} onDone={() => startTransition(() => dispatch(null))} />;

  return (
    <form action={dispatch} noValidate className="space-y-4" key={`${url ?? ''}|${state?.nonce ?? ''}`}>
      <Field
        label="URL"
        htmlFor="webhook-url"
        errors={errors?.url}
        hint="An https address that accepts a JSON POST. Leave it empty to send no events."
      >
        <Input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://hooks.example.com/steward"
          defaultValue={values?.url ?? url ?? ''}
          autoComplete="off"
          spellCheck={false}
          invalid={Boolean(errors?.url)}
          className="font-mono"
        />
      </Field>
      <div className="text-sm text-slate-600">
        {secretCreatedAt ? (
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name="rotateSecret"
              className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
            />
            <span>
              Rotate the signing secret (made <RelativeTime date={secretCreatedAt} />
              ). Deliveries are signed with the new one at once: give it to the receiver right away.
            </span>
          </label>
        ) : (
          <p>A signing secret is generated when you save a URL, and shown once.</p>
        )}
      </div>
      {state && !state.ok && errors ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save webhook'}
        </Button>
      </div>
    </form>
  );
}

export function SendTestEventButton({ send, disabled }: { send: WebhookActions['sendTest']; disabled: boolean }) {
  const [state, action, pending] = useActionState(send, null);
  useActionToast(state);
  return (
    <form action={action}>
      <Button type="submit" variant="secondary" size="sm" disabled={disabled || pending}>
        <Send className="size-3.5" aria-hidden />
        {pending ? 'Sending…' : 'Send a test event'}
      </Button>
    </form>
  );
}
