'use client';

import { useActionState } from 'react';
import { setAccessAction } from '@/app/(dashboard)/settings/people/actions';
import { Button } from '@/components/ui/button';
import { useActionToast } from './use-action-toast';

export function AccessToggle({ humanId, name, enabled }: { humanId: string; name: string; enabled: boolean }) {
  const [state, action, pending] = useActionState(setAccessAction, null);
  useActionToast(state);
  return (
    <form action={action}>
      <input type="hidden" name="humanId" value={humanId} />
      <input type="hidden" name="enable" value={enabled ? 'false' : 'true'} />
      <Button
        type="submit"
        size="sm"
        variant={enabled ? 'danger' : 'secondary'}
        disabled={pending}
        aria-label={`${enabled ? 'Disable' : 'Enable'} access for ${name}`}
      >
        {enabled ? 'Disable' : 'Enable'}
      </Button>
    </form>
  );
}
