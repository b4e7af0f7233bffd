/** The vocabulary of the demo organisation: names, departments, systems, services and agents. */

export const EMAIL_DOMAIN = 'acme.example';
export const DEMO_PASSWORD = 'steward-demo';
export const DEFAULT_SEED = 20260401;

/** First and last names that go together, so that people look like people. */
export const NAME_POOLS: readonly { first: readonly string[]; last: readonly string[] }[] = [
  {
    first: ['Emma', 'James', 'Olivia', 'Daniel', 'Grace', 'Ryan', 'Megan', 'Connor', 'Hannah', 'Sean'],
    last: ['Walsh', 'Murphy', 'Bennett', 'Hughes', 'Carter', 'Doyle', 'Reid', 'Fletcher', 'Morrison', 'Price'],
  },
  {
    first: ['Lukas', 'Lena', 'Jonas', 'Clara', 'Felix', 'Marie', 'Paul', 'Anna', 'Tobias', 'Johanna'],
    last: ['Becker', 'Fischer', 'Hoffmann', 'Krüger', 'Schäfer', 'Wagner', 'Vogel', 'Brandt', 'Lange', 'Koch'],
  },
  {
    first: ['Camille', 'Julien', 'Léa', 'Mathis', 'Chloé', 'Antoine', 'Manon', 'Hugo', 'Inès', 'Théo'],
    last: [
      'Moreau',
      'Lefèvre',
      'Girard',
      'Fontaine',
      'Rousseau',
      'Garnier',
      'Chevalier',
      'Lambert',
      'Faure',
      'Mercier',
    ],
  },
  {
    first: ['Sofia', 'Matteo', 'Giulia', 'Lorenzo', 'Chiara', 'Alessandro', 'Francesca', 'Davide', 'Elena', 'Marco'],
    last: ['Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'Costa', 'Fontana'],
  },
  {
    first: ['Lucía', 'Javier', 'Carmen', 'Diego', 'Valentina', 'Andrés', 'Isabel', 'Pablo', 'Mariana', 'Alejandro'],
    last: ['García', 'Fernández', 'Morales', 'Ruiz', 'Navarro', 'Jiménez', 'Castillo', 'Vargas', 'Rojas', 'Mendoza'],
  },
  {
    first: ['Gabriel', 'Beatriz', 'Rafael', 'Larissa', 'Thiago', 'Camila', 'Bruno', 'Juliana', 'Vinícius', 'Fernanda'],
    last: [
      'Oliveira',
      'Santos',
      'Pereira',
      'Almeida',
      'Carvalho',
      'Ribeiro',
      'Barbosa',
      'Araújo',
      'Cardoso',
      'Teixeira',
    ],
  },
  {
    first: ['Magnus', 'Ingrid', 'Erik', 'Astrid', 'Nils', 'Freya', 'Oskar', 'Sigrid', 'Anders', 'Elin'],
    last: ['Johansson', 'Nyström', 'Halvorsen', 'Berg', 'Dahl', 'Eriksen', 'Holm', 'Sandberg', 'Lund', 'Virtanen'],
  },
  {
    first: ['Kasia', 'Piotr', 'Agnieszka', 'Tomasz', 'Zofia', 'Michał', 'Marta', 'Paweł', 'Ewa', 'Jakub'],
    last: [
      'Nowak',
      'Kowalski',
      'Wiśniewska',
      'Wójcik',
      'Kamińska',
      'Lewandowski',
      'Zieliński',
      'Szymańska',
      'Dąbrowski',
      'Król',
    ],
  },
  {
    first: ['Chidi', 'Ngozi', 'Emeka', 'Adaeze', 'Tunde', 'Folake', 'Kofi', 'Ama', 'Yaw', 'Abena'],
    last: ['Okafor', 'Adeyemi', 'Eze', 'Balogun', 'Nwosu', 'Owusu', 'Boateng', 'Mensah', 'Adjei', 'Okonkwo'],
  },
  {
    first: ['Wanjiru', 'Kamau', 'Achieng', 'Otieno', 'Neema', 'Baraka', 'Zawadi', 'Juma', 'Amani', 'Imani'],
    last: ['Mwangi', 'Kariuki', 'Odhiambo', 'Njoroge', 'Wambui', 'Mutua', 'Kiplagat', 'Chebet', 'Ochieng', 'Mushi'],
  },
  {
    first: ['Youssef', 'Leila', 'Omar', 'Nour', 'Karim', 'Yasmin', 'Hassan', 'Salma', 'Tariq', 'Rania'],
    last: ['Haddad', 'Khalil', 'Mansour', 'Nasser', 'Saleh', 'Farouk', 'Aziz', 'Hamdan', 'Rahal', 'Sabbagh'],
  },
  {
    first: ['Emre', 'Elif', 'Burak', 'Zeynep', 'Mert', 'Ayşe', 'Can', 'Defne', 'Kerem', 'Selin'],
    last: ['Yılmaz', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Öztürk', 'Arslan', 'Doğan', 'Kaya', 'Koç'],
  },
  {
    first: ['Aarav', 'Ananya', 'Rohan', 'Kavya', 'Vikram', 'Meera', 'Arjun', 'Diya', 'Karthik', 'Sneha'],
    last: ['Sharma', 'Iyer', 'Reddy', 'Menon', 'Kulkarni', 'Banerjee', 'Pillai', 'Desai', 'Chatterjee', 'Rao'],
  },
  {
    first: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren', 'Hina', 'Daiki', 'Sakura', 'Kenji', 'Mei'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida'],
  },
  {
    first: ['Wei', 'Xinyi', 'Hao', 'Mingyu', 'Jing', 'Zihan', 'Lei', 'Yuxuan', 'Fang', 'Jun'],
    last: ['Chen', 'Wang', 'Liu', 'Zhang', 'Huang', 'Zhou', 'Lin', 'Xu', 'Sun', 'Zhao'],
  },
  {
    first: ['Minjun', 'Seoyeon', 'Jiho', 'Hayoon', 'Dohyun', 'Jiwoo', 'Yejun', 'Sua', 'Hyunwoo', 'Eunji'],
    last: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim'],
  },
  {
    first: ['Linh', 'Minh', 'Thao', 'Quang', 'Huong', 'Tuan', 'Mai', 'Duc', 'Lan', 'Khoa'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo'],
  },
  {
    first: [
      'Santiago',
      'Ximena',
      'Emiliano',
      'Regina',
      'Mateo',
      'Renata',
      'Leonardo',
      'Daniela',
      'Sebastián',
      'Fernanda',
    ],
    last: ['Hernández', 'López', 'Martínez', 'Ramírez', 'Flores', 'Torres', 'Gutiérrez', 'Cruz', 'Ortiz', 'Salazar'],
  },
];

export type DepartmentName =
  | 'Executive'
  | 'Platform'
  | 'Payments'
  | 'Data'
  | 'ML Research'
  | 'Security'
  | 'IT'
  | 'Sales Ops'
  | 'Customer Support'
  | 'Finance'
  | 'Risk & Compliance';

/** The people whose e-mail addresses are the documented demo sign-ins. Names and titles are fixed. */
export const DEMO_ACCOUNTS = [
  {
    key: 'admin',
    email: `admin@${EMAIL_DOMAIN}`,
    name: 'Marisol Ortega',
    title: 'Identity Platform Engineer',
    department: 'IT',
    role: 'ADMIN',
    purpose: 'runs the deployment: people, roles, settings, API keys',
  },
  {
    key: 'security',
    email: `security@${EMAIL_DOMAIN}`,
    name: 'Kwame Asante',
    title: 'Platform Security Lead',
    department: 'Security',
    role: 'SECURITY',
    purpose: 'inventory, borrowed credentials, revocation, second approvals',
  },
  {
    key: 'sponsor',
    email: `sponsor@${EMAIL_DOMAIN}`,
    name: 'Priya Natarajan',
    title: 'Engineering Manager, Developer Productivity',
    department: 'Platform',
    role: 'SPONSOR',
    purpose: 'sponsors the developer-productivity agents; approves their task scopes',
  },
  {
    key: 'auditor',
    email: `auditor@${EMAIL_DOMAIN}`,
    name: 'Henrik Lindqvist',
    title: 'Internal Audit Manager',
    department: 'Risk & Compliance',
    role: 'AUDITOR',
    purpose: 'reads the audit trail, verifies the chain, exports evidence packs',
  },
] as const satisfies readonly {
  key: string;
  email: string;
  name: string;
  title: string;
  department: DepartmentName;
  role: 'ADMIN' | 'SECURITY' | 'SPONSOR' | 'AUDITOR';
  purpose: string;
}[];

export type DemoAccountKey = (typeof DEMO_ACCOUNTS)[number]['key'];

/**
 * Where agents and services belong. Each domain has one accountable sponsor; `devprod` is the demo
 * sponsor's (sponsor@acme.example).
 */
export type Domain = 'devprod' | 'sre' | 'payments' | 'data' | 'ml' | 'support' | 'revops' | 'it';

/** One seat in the organisation chart. `reportsTo` names another seat's `seat`. */
export type Seat = {
  seat: string;
  title: string;
  department: DepartmentName;
  reportsTo?: string;
  demoAccount?: DemoAccountKey;
  /** The sponsor (role SPONSOR, no password) accountable for the agents and services of this domain. */
  sponsors?: Domain;
  /** Leaves the company: days before now. */
  offboardedDaysAgo?: number;
};

function team(prefix: string, department: DepartmentName, reportsTo: string, titles: readonly string[]): Seat[] {
  return titles.map((title, index) => ({ seat: `${prefix}-${index + 1}`, title, department, reportsTo }));
}

/** The organisation chart: 62 seats, managers before their reports. */
export const SEATS: readonly Seat[] = [
  { seat: 'ceo', title: 'Chief Executive Officer', department: 'Executive' },
  { seat: 'cto', title: 'Chief Technology Officer', department: 'Executive', reportsTo: 'ceo' },
  { seat: 'cfo', title: 'Chief Financial Officer', department: 'Finance', reportsTo: 'ceo' },
  { seat: 'ciso', title: 'Chief Information Security Officer', department: 'Security', reportsTo: 'ceo' },
  { seat: 'vp-platform', title: 'VP Engineering, Platform', department: 'Platform', reportsTo: 'cto' },
  { seat: 'dir-payments', title: 'Director of Engineering, Payments', department: 'Payments', reportsTo: 'cto' },
  { seat: 'head-data', title: 'Head of Data', department: 'Data', reportsTo: 'cto' },
  { seat: 'head-ml', title: 'Head of ML Research', department: 'ML Research', reportsTo: 'cto' },
  { seat: 'head-it', title: 'Head of IT', department: 'IT', reportsTo: 'ciso' },
  { seat: 'vp-revops', title: 'VP Revenue Operations', department: 'Sales Ops', reportsTo: 'ceo' },
  { seat: 'head-support', title: 'Head of Customer Support', department: 'Customer Support', reportsTo: 'ceo' },
  { seat: 'head-grc', title: 'Head of Risk & Compliance', department: 'Risk & Compliance', reportsTo: 'cfo' },
  {
    seat: 'em-devprod',
    title: 'Engineering Manager, Developer Productivity',
    department: 'Platform',
    reportsTo: 'vp-platform',
    demoAccount: 'sponsor',
  },
  {
    seat: 'staff-sre',
    title: 'Staff Site Reliability Engineer',
    department: 'Platform',
    reportsTo: 'vp-platform',
    sponsors: 'sre',
  },
  ...team('platform', 'Platform', 'em-devprod', [
    'Senior Platform Engineer',
    'Platform Engineer',
    'Build & Release Engineer',
    'Developer Experience Engineer',
  ]),
  ...team('sre', 'Platform', 'staff-sre', [
    'Site Reliability Engineer',
    'Site Reliability Engineer',
    'Cloud Infrastructure Engineer',
  ]),
  {
    seat: 'em-payments',
    title: 'Engineering Manager, Payments',
    department: 'Payments',
    reportsTo: 'dir-payments',
    sponsors: 'payments',
  },
  ...team('payments', 'Payments', 'em-payments', [
    'Staff Engineer, Ledger',
    'Senior Backend Engineer, Payments',
    'Backend Engineer, Payments',
    'Backend Engineer, Payouts',
    'Fraud Engineer',
    'Senior Backend Engineer, Checkout',
  ]),
  { seat: 'mgr-data', title: 'Data Platform Manager', department: 'Data', reportsTo: 'head-data', sponsors: 'data' },
  ...team('data', 'Data', 'mgr-data', [
    'Senior Data Engineer',
    'Data Engineer',
    'Analytics Engineer',
    'Analytics Engineer',
    'Data Engineer',
  ]),
  { seat: 'lead-ml', title: 'ML Platform Lead', department: 'ML Research', reportsTo: 'head-ml', sponsors: 'ml' },
  ...team('ml', 'ML Research', 'lead-ml', [
    'Research Scientist',
    'Senior ML Engineer',
    'ML Engineer',
    'Applied Scientist, Agents',
    'Research Engineer',
  ]),
  {
    seat: 'lead-appsec',
    title: 'Platform Security Lead',
    department: 'Security',
    reportsTo: 'ciso',
    demoAccount: 'security',
  },
  ...team('security', 'Security', 'lead-appsec', [
    'Detection & Response Engineer',
    'Application Security Engineer',
    'Cloud Security Engineer',
    'Identity Security Engineer',
  ]),
  {
    seat: 'idp-engineer',
    title: 'Identity Platform Engineer',
    department: 'IT',
    reportsTo: 'head-it',
    demoAccount: 'admin',
  },
  { seat: 'it-admin', title: 'IT Systems Administrator', department: 'IT', reportsTo: 'head-it', sponsors: 'it' },
  ...team('it', 'IT', 'head-it', ['IT Support Specialist', 'Endpoint Engineer', 'IT Support Specialist']),
  {
    seat: 'mgr-revops',
    title: 'Revenue Operations Manager',
    department: 'Sales Ops',
    reportsTo: 'vp-revops',
    sponsors: 'revops',
  },
  ...team('revops', 'Sales Ops', 'mgr-revops', [
    'Salesforce Administrator',
    'Sales Operations Analyst',
    'Sales Operations Analyst',
  ]),
  {
    seat: 'lead-support-ops',
    title: 'Support Operations Lead',
    department: 'Customer Support',
    reportsTo: 'head-support',
    sponsors: 'support',
  },
  ...team('support', 'Customer Support', 'lead-support-ops', [
    'Senior Support Engineer',
    'Support Engineer',
    'Support Engineer',
  ]),
  ...team('finance', 'Finance', 'cfo', ['Financial Controller', 'FinOps Analyst', 'Senior Accountant']),
  {
    seat: 'internal-audit',
    title: 'Internal Audit Manager',
    department: 'Risk & Compliance',
    reportsTo: 'head-grc',
    demoAccount: 'auditor',
  },
  { seat: 'grc-analyst', title: 'GRC Analyst', department: 'Risk & Compliance', reportsTo: 'head-grc' },
];

/** Seats whose people have left; their credentials and sponsorships are what offboarding forgets. */
export const OFFBOARDED_SEATS: Readonly<Record<string, number>> = {
  'platform-3': 14,
  'payments-4': 29,
  'data-5': 47,
  'ml-5': 66,
  'revops-3': 121,
  'it-3': 208,
};

export const SYSTEMS = ['aws', 'github', 'okta', 'entra', 'gcp', 'slack', 'salesforce', 'internal'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export const ENVIRONMENTS = ['production', 'staging', 'development', 'unknown'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const AWS_ACCOUNTS: Readonly<Record<Environment, string>> = {
  production: '123456789012',
  staging: '210987654321',
  development: '345678901234',
  unknown: '456789012345',
};

export const GCP_PROJECTS: Readonly<Record<Environment, string>> = {
  production: 'acme-prod',
  staging: 'acme-staging',
  development: 'acme-dev',
  unknown: 'acme-sandbox-7f3a',
};

export const AWS_REGIONS = ['eu-west-1', 'eu-west-1', 'eu-central-1', 'us-east-1'] as const;

export const REPOSITORIES = [
  'payments',
  'ledger',
  'checkout-web',
  'payouts',
  'fraud-engine',
  'platform-infra',
  'terraform-modules',
  'k8s-manifests',
  'data-pipelines',
  'dbt-models',
  'ml-models',
  'feature-store',
  'support-portal',
  'salesforce-config',
  'identity',
  'docs',
  'mobile-app',
  'api-gateway',
  'design-system',
  'release-tools',
] as const;

/** Services that name service accounts, workloads and buckets; each belongs to a sponsor's domain. */
export const SERVICES: readonly { name: string; domain: Domain; repo: (typeof REPOSITORIES)[number] }[] = [
  { name: 'billing', domain: 'payments', repo: 'payments' },
  { name: 'invoices', domain: 'payments', repo: 'payments' },
  { name: 'ledger', domain: 'payments', repo: 'ledger' },
  { name: 'checkout', domain: 'payments', repo: 'checkout-web' },
  { name: 'payouts', domain: 'payments', repo: 'payouts' },
  { name: 'refunds', domain: 'payments', repo: 'payments' },
  { name: 'fraud-scoring', domain: 'payments', repo: 'fraud-engine' },
  { name: 'kyc', domain: 'payments', repo: 'payments' },
  { name: 'fx-rates', domain: 'payments', repo: 'ledger' },
  { name: 'tax', domain: 'payments', repo: 'payments' },
  { name: 'api-gateway', domain: 'sre', repo: 'api-gateway' },
  { name: 'log-shipper', domain: 'sre', repo: 'platform-infra' },
  { name: 'metrics', domain: 'sre', repo: 'platform-infra' },
  { name: 'backup', domain: 'sre', repo: 'platform-infra' },
  { name: 'dns-sync', domain: 'sre', repo: 'terraform-modules' },
  { name: 'cert-manager', domain: 'sre', repo: 'k8s-manifests' },
  { name: 'notifications', domain: 'sre', repo: 'platform-infra' },
  { name: 'search', domain: 'sre', repo: 'platform-infra' },
  { name: 'build-cache', domain: 'devprod', repo: 'release-tools' },
  { name: 'artifacts', domain: 'devprod', repo: 'release-tools' },
  { name: 'docs', domain: 'devprod', repo: 'docs' },
  { name: 'preview-envs', domain: 'devprod', repo: 'k8s-manifests' },
  { name: 'warehouse', domain: 'data', repo: 'data-pipelines' },
  { name: 'etl', domain: 'data', repo: 'data-pipelines' },
  { name: 'analytics', domain: 'data', repo: 'dbt-models' },
  { name: 'data-lake', domain: 'data', repo: 'data-pipelines' },
  { name: 'reporting', domain: 'data', repo: 'dbt-models' },
  { name: 'cdc', domain: 'data', repo: 'data-pipelines' },
  { name: 'feature-store', domain: 'ml', repo: 'feature-store' },
  { name: 'model-serving', domain: 'ml', repo: 'ml-models' },
  { name: 'embeddings', domain: 'ml', repo: 'ml-models' },
  { name: 'ml-training', domain: 'ml', repo: 'ml-models' },
  { name: 'support-desk', domain: 'support', repo: 'support-portal' },
  { name: 'ticket-sync', domain: 'support', repo: 'support-portal' },
  { name: 'crm-sync', domain: 'revops', repo: 'salesforce-config' },
  { name: 'lead-router', domain: 'revops', repo: 'salesforce-config' },
  { name: 'quotes', domain: 'revops', repo: 'salesforce-config' },
  { name: 'scim', domain: 'it', repo: 'identity' },
  { name: 'hr-sync', domain: 'it', repo: 'identity' },
  { name: 'mdm', domain: 'it', repo: 'identity' },
];

export type TaskTemplateId =
  | 'pr-review'
  | 'release-notes'
  | 'dependency-upgrade'
  | 'vuln-remediation'
  | 'iac-drift'
  | 'incident-triage'
  | 'cost-anomaly'
  | 'rightsizing'
  | 'secret-rotation'
  | 'invoice-reconciliation'
  | 'refund-batch'
  | 'sql-analysis'
  | 'data-quality'
  | 'model-eval'
  | 'support-triage'
  | 'lead-enrichment'
  | 'helpdesk-unlock'
  | 'mfa-reset'
  | 'access-grant'
  | 'onboarding'
  | 'log-investigation'
  | 'compliance-evidence';

export type AgentBase = {
  name: string;
  description: string;
  domain: Domain;
  /** Where the agent's identity may live. */
  systems: readonly SystemName[];
  tasks: readonly TaskTemplateId[];
};

export const AGENT_BASES: readonly AgentBase[] = [
  {
    name: 'pr-review-agent',
    description: 'Reviews pull requests and posts inline review comments.',
    domain: 'devprod',
    systems: ['github', 'internal'],
    tasks: ['pr-review'],
  },
  {
    name: 'release-notes-agent',
    description: 'Drafts release notes from merged pull requests.',
    domain: 'devprod',
    systems: ['github'],
    tasks: ['release-notes'],
  },
  {
    name: 'dependency-upgrade-agent',
    description: 'Opens pull requests that upgrade outdated dependencies.',
    domain: 'devprod',
    systems: ['github', 'internal'],
    tasks: ['dependency-upgrade'],
  },
  {
    name: 'test-flake-hunter',
    description: 'Finds flaky tests in CI runs and files issues with reproduction steps.',
    domain: 'devprod',
    systems: ['github', 'internal'],
    tasks: ['pr-review'],
  },
  {
    name: 'code-migration-agent',
    description: 'Ports services to the new internal framework, one pull request at a time.',
    domain: 'devprod',
    systems: ['github', 'internal'],
    tasks: ['dependency-upgrade'],
  },
  {
    name: 'docs-writer-agent',
    description: 'Keeps API reference docs in step with the code.',
    domain: 'devprod',
    systems: ['github', 'internal'],
    tasks: ['release-notes'],
  },
  {
    name: 'vuln-remediation-agent',
    description: 'Patches vulnerable dependencies flagged by the scanner.',
    domain: 'devprod',
    systems: ['github', 'internal'],
    tasks: ['vuln-remediation'],
  },
  {
    name: 'incident-summarizer',
    description: 'Summarises incidents from logs and metrics and posts timelines to Slack.',
    domain: 'sre',
    systems: ['internal', 'aws', 'slack'],
    tasks: ['incident-triage'],
  },
  {
    name: 'oncall-copilot',
    description: 'Answers on-call questions from runbooks, dashboards and logs.',
    domain: 'sre',
    systems: ['internal', 'aws'],
    tasks: ['incident-triage'],
  },
  {
    name: 'iac-drift-agent',
    description: 'Detects Terraform drift and proposes fixes as pull requests.',
    domain: 'sre',
    systems: ['aws', 'github'],
    tasks: ['iac-drift'],
  },
  {
    name: 'finops-copilot',
    description: 'Explains cloud spend and proposes savings.',
    domain: 'sre',
    systems: ['aws', 'gcp', 'internal'],
    tasks: ['cost-anomaly', 'rightsizing'],
  },
  {
    name: 'secret-rotation-agent',
    description: 'Rotates database and third-party secrets on schedule.',
    domain: 'sre',
    systems: ['aws', 'internal'],
    tasks: ['secret-rotation'],
  },
  {
    name: 'runbook-executor',
    description: 'Executes approved runbook steps during incidents.',
    domain: 'sre',
    systems: ['internal', 'aws'],
    tasks: ['incident-triage'],
  },
  {
    name: 'log-analysis-agent',
    description: 'Clusters error logs and links them to recent deploys.',
    domain: 'sre',
    systems: ['aws', 'gcp', 'internal'],
    tasks: [],
  },
  {
    name: 'security-alert-triage',
    description: 'Enriches and triages detection alerts before a human looks at them.',
    domain: 'sre',
    systems: ['internal', 'entra', 'okta'],
    tasks: ['log-investigation'],
  },
  {
    name: 'compliance-evidence-agent',
    description: 'Collects control evidence for SOC 2 and ISO 27001 samples.',
    domain: 'sre',
    systems: ['internal', 'aws'],
    tasks: ['compliance-evidence'],
  },
  {
    name: 'invoice-reconciliation-agent',
    description: 'Matches invoices against ledger entries and flags mismatches.',
    domain: 'payments',
    systems: ['aws', 'internal'],
    tasks: ['invoice-reconciliation'],
  },
  {
    name: 'refund-assistant',
    description: 'Prepares and issues refunds approved by the payments team.',
    domain: 'payments',
    systems: ['internal'],
    tasks: ['refund-batch'],
  },
  {
    name: 'kyc-review-assistant',
    description: 'Pre-screens KYC documents and summarises risk signals.',
    domain: 'payments',
    systems: ['internal', 'aws'],
    tasks: [],
  },
  {
    name: 'fraud-case-summarizer',
    description: 'Summarises fraud cases for the analysts.',
    domain: 'payments',
    systems: ['internal', 'aws'],
    tasks: [],
  },
  {
    name: 'sql-analyst-agent',
    description: 'Answers business questions with BigQuery SQL.',
    domain: 'data',
    systems: ['gcp', 'internal'],
    tasks: ['sql-analysis'],
  },
  {
    name: 'data-quality-agent',
    description: 'Checks freshness and volume of warehouse tables.',
    domain: 'data',
    systems: ['gcp'],
    tasks: ['data-quality'],
  },
  {
    name: 'churn-insights-agent',
    description: 'Builds weekly churn cohort reports.',
    domain: 'data',
    systems: ['gcp', 'internal'],
    tasks: ['sql-analysis'],
  },
  {
    name: 'forecast-copilot',
    description: 'Drafts revenue forecasts from warehouse data.',
    domain: 'data',
    systems: ['gcp', 'internal'],
    tasks: ['sql-analysis'],
  },
  {
    name: 'schema-migration-agent',
    description: 'Plans and reviews warehouse schema migrations.',
    domain: 'data',
    systems: ['gcp', 'github'],
    tasks: ['data-quality'],
  },
  {
    name: 'model-eval-agent',
    description: 'Runs evaluation suites on new model checkpoints.',
    domain: 'ml',
    systems: ['gcp'],
    tasks: ['model-eval'],
  },
  {
    name: 'experiment-tracker-agent',
    description: 'Summarises training runs and compares them with the baseline.',
    domain: 'ml',
    systems: ['gcp', 'internal'],
    tasks: ['model-eval'],
  },
  {
    name: 'knowledge-base-agent',
    description: 'Answers internal questions from the wiki and runbooks.',
    domain: 'ml',
    systems: ['internal', 'slack', 'entra'],
    tasks: [],
  },
  {
    name: 'meeting-notes-agent',
    description: 'Writes meeting notes and action items.',
    domain: 'ml',
    systems: ['entra', 'internal'],
    tasks: [],
  },
  {
    name: 'support-triage-agent',
    description: 'Classifies and routes incoming support cases.',
    domain: 'support',
    systems: ['salesforce', 'internal', 'slack'],
    tasks: ['support-triage'],
  },
  {
    name: 'customer-reply-drafter',
    description: 'Drafts replies to support cases for an agent to review.',
    domain: 'support',
    systems: ['salesforce', 'internal'],
    tasks: ['support-triage'],
  },
  {
    name: 'ticket-router',
    description: 'Routes tickets to the right queue by product area.',
    domain: 'support',
    systems: ['salesforce', 'slack'],
    tasks: [],
  },
  {
    name: 'lead-enrichment-agent',
    description: 'Enriches inbound leads with firmographic data.',
    domain: 'revops',
    systems: ['salesforce', 'internal'],
    tasks: ['lead-enrichment'],
  },
  {
    name: 'contract-review-agent',
    description: 'Flags non-standard clauses in sales contracts.',
    domain: 'revops',
    systems: ['salesforce', 'entra'],
    tasks: [],
  },
  {
    name: 'sales-email-drafter',
    description: 'Drafts follow-up e-mails after sales calls.',
    domain: 'revops',
    systems: ['salesforce', 'entra'],
    tasks: ['lead-enrichment'],
  },
  {
    name: 'helpdesk-agent',
    description: 'Resolves routine IT tickets: unlocks, MFA resets, group access.',
    domain: 'it',
    systems: ['okta', 'entra', 'slack'],
    tasks: ['helpdesk-unlock', 'mfa-reset'],
  },
  {
    name: 'access-request-agent',
    description: 'Fulfils approved access requests in Entra ID and Okta.',
    domain: 'it',
    systems: ['entra', 'okta'],
    tasks: ['access-grant'],
  },
  {
    name: 'onboarding-agent',
    description: 'Provisions accounts and groups for new hires.',
    domain: 'it',
    systems: ['okta', 'entra'],
    tasks: ['onboarding'],
  },
];

/** Names of agents nobody registered: seen in logs, waiting for triage. */
export const SHADOW_AGENT_NAMES = [
  'sales-gpt-helper',
  'notebook-agent',
  'summarize-tickets-poc',
  'crm-scraper',
  'agent-sandbox',
  'weekend-hack-agent',
  'report-autogen',
  'mail-triage-poc',
  'jira-autocloser',
  'llm-data-puller',
  'finance-xlsx-agent',
  'hr-faq-bot-trial',
  'kb-crawler',
  'deploy-helper-script',
  'pr-autofix-experiment',
  'standup-summarizer',
  'invoice-ocr-test',
  'slack-digest-bot',
  'gcal-scheduler-agent',
  'browser-agent-test',
] as const;

export const SHADOW_SERVICE_NAMES = [
  'tmp-migration-user',
  'test-integration',
  'old-etl-runner',
  'legacy-sync',
  'unknown-webhook',
  'zap-crm-connector',
] as const;

export const THIRD_PARTY_INTEGRATIONS = [
  'siem-log-reader',
  'cspm-scanner',
  'backup-vendor',
  'finops-export',
  'status-page-sync',
  'hris-connector',
  'ticketing-connector',
  'e-signature-connector',
  'expense-sync',
  'payroll-sync',
  'pagerduty-webhook',
  'observability-agent',
] as const;

export const BOT_NAMES = [
  'deploy-bot',
  'release-bot',
  'oncall-bot',
  'standup-bot',
  'renovate-acme',
  'codeowners-sync',
  'stale-issue-bot',
  'changelog-bot',
  'incident-bot',
  'kudos-bot',
  'merge-queue-bot',
  'labeler-bot',
] as const;

export const CI_WORKFLOWS = [
  'ci.yml',
  'deploy.yml',
  'release.yml',
  'nightly.yml',
  'terraform-apply.yml',
  'e2e.yml',
] as const;
