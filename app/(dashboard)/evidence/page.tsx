import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Evidence' };

export default async function EvidencePage() {
  await requirePagePermission('evidence.export');
  return (
    <ComingSoon
      title="Evidence"
      description="Framework controls with live status, and evidence packs an auditor can verify offline."
      planned={[
        'OWASP NHI Top 10, OWASP Agentic Top 10, NIST CSF 2.0, NIST AI RMF, CMMC 2.0 L2',
        'Evidence packs with a signed chain checkpoint',
      ]}
    />
  );
}
