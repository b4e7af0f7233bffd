import type { IngestFormat, NormalizedEvent } from './types';

/**
 * An imported event is stored in the audit chain: the columns hold what every view filters on, and `details`
 * keeps the rest of the normalized event, so that detection can run again over stored events and read exactly
 * what the import read. Pure: no database import.
 */

export const IMPORTED_DETAILS_VERSION = 1;

export type ImportedEventDetails = {
  imported: typeof IMPORTED_DETAILS_VERSION;
  format: IngestFormat;
  principal: NormalizedEvent['principal'];
  credential: NormalizedEvent['credential'];
  client: NormalizedEvent['client'];
  interactive: NormalizedEvent['interactive'];
  delegation: NormalizedEvent['delegation'];
};

/** The columns of a stored audit event that an imported event is read back from. */
export type StoredImportedEvent = {
  source: string;
  sourceEventId: string | null;
  occurredAt: Date;
  action: string;
  resource: string | null;
  outcome: string;
  environment: string | null;
  details: string;
};

export function importedDetails(format: IngestFormat, event: NormalizedEvent): ImportedEventDetails {
  return {
    imported: IMPORTED_DETAILS_VERSION,
    format,
    principal: event.principal,
    credential: event.credential,
    client: event.client,
    interactive: event.interactive,
    delegation: event.delegation,
  };
}

function isImportedDetails(value: unknown): value is ImportedEventDetails {
  if (typeof value !== 'object' || value === null) return false;
  const details = value as Partial<ImportedEventDetails>;
  return details.imported === IMPORTED_DETAILS_VERSION && typeof details.principal === 'object';
}

function outcomeOf(stored: string): NormalizedEvent['outcome'] {
  return stored === 'FAILURE' || stored === 'DENIED' ? stored : 'SUCCESS';
}

/** The normalized event a stored row was imported from, or null for Steward's own events. */
export function normalizedFromStored(row: StoredImportedEvent): NormalizedEvent | null {
  if (row.sourceEventId === null) return null;
  let details: unknown;
  try {
    details = JSON.parse(row.details);
  } catch {
    return null;
  }
  if (!isImportedDetails(details)) return null;
  return {
    source: row.source,
    sourceEventId: row.sourceEventId,
    occurredAt: row.occurredAt,
    action: row.action,
    resource: row.resource,
    outcome: outcomeOf(row.outcome),
    environment: row.environment,
    principal: details.principal,
    credential: details.credential,
    client: details.client,
    interactive: details.interactive,
    delegation: details.delegation,
  };
}
