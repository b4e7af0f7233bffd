/** The framework controls findings map to, by their exact identifiers. */
export const CONTROLS = {
  NHI1: { framework: 'OWASP NHI Top 10 (2025)', title: 'Improper Offboarding' },
  NHI5: { framework: 'OWASP NHI Top 10 (2025)', title: 'Overprivileged NHI' },
  NHI7: { framework: 'OWASP NHI Top 10 (2025)', title: 'Long-Lived Secrets' },
  NHI8: { framework: 'OWASP NHI Top 10 (2025)', title: 'Environment Isolation' },
  NHI9: { framework: 'OWASP NHI Top 10 (2025)', title: 'NHI Reuse' },
  ASI03: { framework: 'OWASP Top 10 for Agentic Applications (2026)', title: 'Identity and Privilege Abuse' },
  'PR.AA-01': { framework: 'NIST CSF 2.0', title: 'Identities and credentials are managed' },
  'PR.AA-05': {
    framework: 'NIST CSF 2.0',
    title: 'Access permissions are defined, enforced, reviewed; least privilege and separation of duties',
  },
  'GOVERN 2.1': { framework: 'NIST AI RMF 1.0', title: 'Roles and responsibilities are documented and clear' },
  'IA.L2-3.5.1': {
    framework: 'CMMC 2.0 L2 / NIST SP 800-171',
    title: 'Identify users and processes acting on behalf of users',
  },
  'IA.L2-3.5.6': {
    framework: 'CMMC 2.0 L2 / NIST SP 800-171',
    title: 'Disable identifiers after a period of inactivity',
  },
  'AU.L2-3.3.2': {
    framework: 'CMMC 2.0 L2 / NIST SP 800-171',
    title: 'Actions can be uniquely traced to individual users',
  },
} as const;

export type ControlId = keyof typeof CONTROLS;
