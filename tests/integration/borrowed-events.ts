import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { transaction } from '../../lib/db';
import type { NormalizedEvent } from '../../lib/ingest/types';
import { importedDetails } from '../../lib/ingest/stored';

/** Imported CloudTrail-like events for the borrowed-credential tests, appended to the chain as an import stores them. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A Monday. */
export const T0 = Date.parse('2026-11-02T00:00:00Z');

const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36';
/** A plain SDK: on a person's key it reads UNKNOWN at import, until detection weighs the whole credential. */
export const BOTO3 =
  'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36';
const LANGCHAIN_BOTO3 =
  'Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux lang/python#3.12.3 Botocore/1.35.50 x-client-framework:langchain-aws';

let counter = 0;

function event(
  userName: string,
  at: number,
  fields: Pick<NormalizedEvent, 'action' | 'credential' | 'client' | 'interactive'>,
): NormalizedEvent {
  counter += 1;
  return {
    source: 'aws',
    sourceEventId: `evt-${userName}-${at}-${counter}`,
    occurredAt: new Date(at),
    resource: null,
    outcome: 'SUCCESS',
    environment: 'production',
    principal: {
      kind: 'person',
      externalId: `arn:aws:iam::111122223333:user/${userName}`,
      displayName: userName,
      email: null,
      sourceType: 'IAMUser',
      declaredAgent: false,
    },
    delegation: null,
    ...fields,
  };
}

/** A person signing in to the console and working in a browser during office hours, `days` working days. */
export function browserUse(userName: string, from: number, days: number): NormalizedEvent[] {
  const events: NormalizedEvent[] = [];
  for (let day = 0; day < days; day++) {
    for (let hour = 9; hour < 17; hour += 2) {
      events.push(
        event(userName, from + day * DAY + hour * HOUR + 7 * MINUTE, {
          action: hour === 9 ? 'signin.amazonaws.com:ConsoleLogin' : 's3.amazonaws.com:ListBuckets',
          credential: {
            type: 'session',
            id: null,
            hashedToken: null,
            sessionId: `console-${userName}-${day}`,
            appId: null,
            appName: null,
            mfa: true,
          },
          client: { userAgent: CHROME, ip: '198.51.100.7' },
          interactive: true,
        }),
      );
    }
  }
  return events;
}

/** An agent framework using the person's long-lived access key from a server, every `stepMinutes`, for `hours`. */
export function agentUse(
  userName: string,
  keyId: string,
  from: number,
  hours: number,
  stepMinutes = 5,
  userAgent = LANGCHAIN_BOTO3,
): NormalizedEvent[] {
  const events: NormalizedEvent[] = [];
  for (let at = from; at < from + hours * HOUR; at += stepMinutes * MINUTE) {
    events.push(
      event(userName, at, {
        action: 's3.amazonaws.com:GetObject',
        credential: {
          type: 'long_lived_access_key',
          id: keyId,
          hashedToken: null,
          sessionId: null,
          appId: null,
          appName: null,
          mfa: false,
        },
        client: { userAgent, ip: '54.210.10.20' },
        interactive: false,
      }),
    );
  }
  return events;
}

/** Appends events to the chain exactly as an import stores them; returns each event's seq by source event id. */
export async function appendImported(events: NormalizedEvent[]): Promise<Map<string, number>> {
  const inputs: AuditEventInput[] = events.map((imported) => ({
    action: imported.action,
    attribution: 'UNKNOWN',
    initiator: { type: 'UNKNOWN', label: imported.principal.externalId },
    executor: { type: 'UNKNOWN', label: imported.principal.externalId },
    outcome: imported.outcome,
    resource: imported.resource,
    occurredAt: imported.occurredAt,
    source: imported.source,
    sourceEventId: imported.sourceEventId,
    environment: imported.environment,
    details: importedDetails('cloudtrail', imported),
  }));
  const appended = await transaction((tx) => appendAuditEvents(tx, inputs));
  return new Map(events.map((imported, index) => [imported.sourceEventId, appended[index].seq]));
}
