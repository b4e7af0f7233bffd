/** Identities and a sponsor with names as long as real inventories hold. No lib/ imports: specs load this. */
export const LONG_NAMED = {
  sponsor: 'Maximiliana Alexandrovna Featherstonehaugh-Worthington',
  system: 'azure-devops-enterprise-eu-central-shared-services',
  identities: [
    'payments-ledger-reconciliation-orchestrator-agent-eu-central-1-nightly-batch',
    'customer-support-knowledge-base-summarisation-and-escalation-pipeline-v2',
    'infrastructure-terraform-drift-detection-and-remediation-service-account',
  ],
} as const;
