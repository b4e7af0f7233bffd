export function findPostgresBin(): string | null;
export function startPostgresCluster(): Promise<{ url: string; stop: () => Promise<void> } | null>;
export function withDatabase(serverUrl: string, database: string): string;
