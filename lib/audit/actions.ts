/** The actions Steward itself records. Imported events keep the action names of their own systems. */
export const AUDIT_ACTIONS = {
  signIn: 'auth.sign_in',
  signInFailed: 'auth.sign_in_failed',
  signInThrottled: 'auth.sign_in_throttled',
  signInDenied: 'auth.sign_in_denied',
  signOut: 'auth.sign_out',
  personAdded: 'person.add',
  personRoleChanged: 'person.role_change',
  personAccessDisabled: 'person.access_disable',
  personAccessEnabled: 'person.access_enable',
  personOffboarded: 'person.offboard',
  nhiCreated: 'nhi.create',
  nhiUpdated: 'nhi.update',
  nhiSponsorAssigned: 'nhi.sponsor_assign',
  nhiSuspended: 'nhi.suspend',
  nhiReactivated: 'nhi.reactivate',
  nhiDecommissioned: 'nhi.decommission',
  nhiOwnersChanged: 'nhi.owners_change',
  credentialCreated: 'credential.create',
  credentialUpdated: 'credential.update',
  credentialRevoked: 'credential.revoke',
  findingAccepted: 'finding.accept',
  findingReopened: 'finding.reopen',
  findingsRecomputed: 'finding.recompute',
  inventoryImported: 'inventory.import',
  identitiesUpserted: 'identity.upsert',
  apiKeyCreated: 'api_key.create',
  apiKeyRevoked: 'api_key.revoke',
  eventsImported: 'events.import',
  nhiDiscovered: 'nhi.discover',
} as const;

export type StewardAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export const STEWARD_SOURCE = 'steward';
