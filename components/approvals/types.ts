/** The shapes the scope use cases return, as the pages hand them to these components. */

export type { ActiveGrant, AgentHistory, PendingScopeView } from '@/lib/scopes/queue';
