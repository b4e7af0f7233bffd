'use client';

import type { ReactNode } from 'react';
import { AlertDialog } from 'radix-ui';
import { Button } from '@/components/ui/button';

type Props = {
  open: boolean;
  onCancel: () => void;
  title: string;
  description: ReactNode;
  /** The form that makes the change: its hidden fields and the confirming submit button. */
  children: ReactNode;
};

/** Asks before a change to someone's access: says what will change, then Cancel or the form's own button. */
export function ConfirmDialog({ open, onCancel, title, description, children }: Props) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (next ? undefined : onCancel())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 text-left shadow-xl">
          <AlertDialog.Title className="text-base font-semibold break-words text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-1 text-sm break-words text-slate-600">
            {description}
          </AlertDialog.Description>
          {children}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** The buttons at the foot of a confirmation form. */
export function ConfirmButtons({ label, pending, danger }: { label: string; pending: boolean; danger?: boolean }) {
  return (
    <div className="mt-5 flex justify-end gap-2">
      <AlertDialog.Cancel asChild>
        <Button type="button" variant="secondary">
          Cancel
        </Button>
      </AlertDialog.Cancel>
      <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={pending}>
        {pending ? 'Saving…' : label}
      </Button>
    </div>
  );
}
