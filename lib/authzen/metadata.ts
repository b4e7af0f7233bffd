/**
 * The PDP metadata of /.well-known/authzen-configuration. The identifier is the configured public origin
 * (NEXTAUTH_URL) when there is one, so that a Host header cannot choose where gateways send their questions.
 */

export type PdpMetadata = {
  policy_decision_point: string;
  access_evaluation_endpoint: string;
  access_evaluations_endpoint: string;
};

export function pdpIdentifier(requestUrl: string, configured = process.env.NEXTAUTH_URL): string {
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // a malformed setting is reported where sign-in reads it; the request's own origin still answers
    }
  }
  return new URL(requestUrl).origin;
}

export function pdpMetadata(identifier: string): PdpMetadata {
  return {
    policy_decision_point: identifier,
    access_evaluation_endpoint: `${identifier}/access/v1/evaluation`,
    access_evaluations_endpoint: `${identifier}/access/v1/evaluations`,
  };
}
