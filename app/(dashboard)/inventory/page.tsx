import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Inventory' };

export default async function InventoryPage() {
  await requirePagePermission('inventory.read');
  return (
    <ComingSoon
      title="Inventory"
      description="Every non-human identity and credential, who sponsors it and what it can do."
      planned={[
        'Search, sort and filter identities and credentials',
        'Detail pages with findings and their controls',
        'CSV import and export',
      ]}
    />
  );
}
