import Link from 'next/link';
import { SearchX } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** A filtered list that came back empty, with the way back to everything. */
export function NoMatch({ title, clearHref, children }: { title: string; clearHref: string; children: string }) {
  return (
    <EmptyState
      icon={SearchX}
      title={title}
      action={
        <Link href={clearHref} className={buttonClasses('secondary')}>
          Clear
        </Link>
      }
    >
      {children}
    </EmptyState>
  );
}
