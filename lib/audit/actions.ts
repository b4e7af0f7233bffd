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
} as const;

export type StewardAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export const STEWARD_SOURCE = 'steward';
