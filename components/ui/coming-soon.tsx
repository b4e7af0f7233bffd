import { Hammer } from 'lucide-react';
import { Card } from './card';
import { EmptyState } from './empty-state';
import { PageHeader } from './page-header';

/** A page whose feature is not built yet: it says what will be here, and shows nothing made up. */
export function ComingSoon({ title, description, planned }: { title: string; description: string; planned: string[] }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card>
        <EmptyState icon={Hammer} title="Coming in a later release">
          <ul className="mt-2 space-y-1 text-left">
            {planned.map((item) => (
              <li key={item} className="flex gap-2">
                <span aria-hidden className="text-slate-400">
                  –
                </span>
                {item}
              </li>
            ))}
          </ul>
        </EmptyState>
      </Card>
    </>
  );
}
