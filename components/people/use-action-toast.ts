'use client';

import { useEffect } from 'react';
import { toast } from 'sonner';
import type { ActionState } from '@/lib/adapters/action';

/** Shows each new outcome of a server action once, as a toast. */
export function useActionToast(state: ActionState, onSuccess?: () => void) {
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(state.message);
      onSuccess?.();
    } else if (!state.fieldErrors) {
      toast.error(state.message);
    }
  }, [state, onSuccess]);
}
