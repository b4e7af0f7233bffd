import { z } from 'zod';
import { IngestRecordError } from './errors';
import { describeJson, isJsonObject, parseIsoTime } from './fields';
import type { NormalizedEvent } from './types';

/**
 * Steward's own JSON: a normalized event written by a collector, field for field as `NormalizedEvent`, with
 * the time as an ISO 8601 string that carries its offset. `JSON.stringify` of a normalized event is a valid
 * native record. Fields marked optional may be left out (null, or the default shown):
 *
 * ```json
 * {
 *   "source": "mcp-gateway",                       // the system that wrote the log
 *   "sourceEventId": "7f3c…",                      // unique within that source
 *   "occurredAt": "2025-05-02T09:14:03.120Z",
 *   "action": "tools/call:create_issue",
 *   "resource": "github:acme/api",                 // optional
 *   "outcome": "SUCCESS",                          // optional: SUCCESS (default), FAILURE or DENIED
 *   "environment": "production",                   // optional
 *   "principal": {
 *     "kind": "machine",                           // person, machine or unknown
 *     "externalId": "agent-release-notes",
 *     "displayName": "Release notes agent",        // optional
 *     "email": null,                               // optional
 *     "sourceType": "Agent",                       // optional
 *     "declaredAgent": true                        // optional, default false
 *   },
 *   "credential": {                                // optional
 *     "type": "api_token",                         // one of CredentialType
 *     "id": "tok_81", "hashedToken": null, "sessionId": null, "appId": null, "appName": null, "mfa": null
 *   },
 *   "client": { "userAgent": "openai-agents/0.4", "ip": "203.0.113.7", "app": null },   // optional
 *   "interactive": false,                          // optional: true, false or null (unknown)
 *   "delegation": { "kind": "agent_session", "chain": ["ana@example.com"] }            // optional
 * }
 * ```
 */

const text = z.string().trim().min(1);
const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : null));

const principal = z.object({
  kind: z.enum(['person', 'machine', 'unknown']),
  externalId: text,
  displayName: optionalText,
  email: optionalText,
  sourceType: optionalText,
  declaredAgent: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

const credential = z.object({
  type: z.enum([
    'long_lived_access_key',
    'session',
    'api_token',
    'personal_access_token',
    'oauth_token',
    'app_token',
    'password',
    'session_cookie',
    'workload_identity',
    'managed_identity',
    'certificate',
    'client_secret',
    'unknown',
  ]),
  id: optionalText,
  hashedToken: optionalText,
  sessionId: optionalText,
  appId: optionalText,
  appName: optionalText,
  mfa: z
    .boolean()
    .nullish()
    .transform((value) => value ?? null),
});

const isoTime = z.string().transform((value, context) => {
  const parsed = parseIsoTime(value, true);
  if (!parsed) {
    context.addIssue({
      code: 'custom',
      message: 'must be an ISO 8601 date-time with an offset, e.g. 2025-05-02T09:14:03Z',
    });
    return z.NEVER;
  }
  return parsed;
});

const nativeEvent = z.object({
  source: text,
  sourceEventId: text,
  occurredAt: isoTime,
  action: text,
  resource: optionalText,
  outcome: z
    .enum(['SUCCESS', 'FAILURE', 'DENIED'])
    .nullish()
    .transform((value) => value ?? 'SUCCESS'),
  environment: optionalText,
  principal,
  credential: credential.nullish().transform((value) => value ?? null),
  client: z
    .object({ userAgent: optionalText, ip: optionalText, app: optionalText })
    .nullish()
    .transform((value) => value ?? { userAgent: null, ip: null, app: null }),
  interactive: z
    .boolean()
    .nullish()
    .transform((value) => value ?? null),
  delegation: z
    .object({
      kind: z.enum([
        'assume_role',
        'impersonation',
        'workload_federation',
        'api_token_of_user',
        'on_behalf_of',
        'agent_session',
      ]),
      chain: z.array(text),
    })
    .nullish()
    .transform((value) => value ?? null),
});

export function normalize(record: unknown): NormalizedEvent {
  if (!isJsonObject(record))
    throw new IngestRecordError(`A native record must be a JSON object, not ${describeJson(record)}.`);
  const parsed = nativeEvent.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.');
  if (valueAt(record, issue.path) === undefined) throw new IngestRecordError(`The record has no ${field}.`);
  throw new IngestRecordError(`${field}: ${issue.message}`);
}

function valueAt(record: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      isJsonObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    record,
  );
}
