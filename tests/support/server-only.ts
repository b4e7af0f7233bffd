// Stands in for the `server-only` package under Vitest, which does not resolve React's server condition.
export {};
