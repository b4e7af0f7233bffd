import type { ApiKeyKind } from '@/lib/db/generated/sqlite/enums';
import type { ActionState } from '@/lib/adapters/action';
import type { PickerSearch } from '@/components/pickers/combobox';

/** The one answer that carries a key's secret: the dialog shows it, then drops this state when it closes. */
export type CreatedKey = { name: string; kind: ApiKeyKind; prefix: string; secret: string };
export type CreateApiKeyState = (NonNullable<ActionState> & { created?: CreatedKey }) | null;

/** The server actions the API-keys page hands to its components. */
export type ApiKeyActions = {
  create: (form: FormData) => Promise<CreateApiKeyState>;
  searchNhis: PickerSearch;
};
