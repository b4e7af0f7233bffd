import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowLeft } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { IMPORT_FORMATS, MAX_CSV_BYTES, MAX_CSV_ROWS, type ImportKind } from '@/lib/inventory/csv-import';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import type { ImportFormat } from '@/components/inventory-import/format-guide';
import { ImportForm } from '@/components/inventory-import/import-form';
import { importCsvAction } from './actions';

export const metadata: Metadata = { title: 'Import from CSV' };

const KINDS: Record<ImportKind, Pick<ImportFormat, 'label' | 'description'>> = {
  identities: {
    label: 'Identities',
    description:
      'Agents, service accounts, workloads … New ones are added; those with a known system and externalId are updated.',
  },
  credentials: {
    label: 'Credentials',
    description: 'Keys, tokens and passwords of people and identities already in Steward. Each one is added as new.',
  },
};

export default async function InventoryImportPage() {
  await requirePagePermission('inventory.manage');
  const formats = (Object.keys(KINDS) as ImportKind[]).map((kind) => ({
    kind,
    ...KINDS[kind],
    ...IMPORT_FORMATS[kind],
  }));
  return (
    <>
      <PageHeader
        title="Import from CSV"
        description="Bring identities and their credentials in from a spreadsheet or another tool. Every row is checked before anything is written."
        actions={
          <Link href="/inventory" className={buttonClasses('secondary')}>
            <ArrowLeft className="size-4" aria-hidden />
            Back to the inventory
          </Link>
        }
      />
      <ImportForm formats={formats} maxBytes={MAX_CSV_BYTES} maxRows={MAX_CSV_ROWS} importAction={importCsvAction} />
    </>
  );
}
