import type { FieldErrors } from '@/lib/errors';
import type { BulkRevocationReceipt } from '@/lib/revocation/bulk';
import type { BulkImpact } from '@/lib/revocation/impact';
import type { BulkTargetKind } from '@/lib/revocation/schemas';
import type { PickerOption } from '@/components/pickers/combobox';

export type PreviewResult = { ok: true; impact: BulkImpact } | { ok: false; message: string };

export type RevokeInput = {
  kind: BulkTargetKind;
  id: string;
  reason: string;
  confirmation: string;
  impactDigest: string;
};

/** A refusal carries the impact as it is now when the preview went stale, so the page can say what changed. */
export type RevokeResult =
  | { ok: true; receipt: BulkRevocationReceipt }
  | { ok: false; message: string; fieldErrors?: FieldErrors; current?: BulkImpact };

export type BulkRevocationActions = {
  preview: (target: { kind: BulkTargetKind; id: string }) => Promise<PreviewResult>;
  revoke: (input: RevokeInput) => Promise<RevokeResult>;
  search: (kind: BulkTargetKind, query: string) => Promise<PickerOption[]>;
};
