import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const postgresBinaries = ['17', '16', '15'].some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
const postgresAvailable = Boolean(process.env.TEST_POSTGRES_URL || process.env.POSTGRES_BIN || postgresBinaries);

// In CI the PostgreSQL suite always runs, so a machine without PostgreSQL fails instead of skipping it.
if (!postgresAvailable && !process.env.CI) {
  console.warn(
    '\n*** PostgreSQL not found: the integration-postgres suite is skipped (install postgresql or set TEST_POSTGRES_URL) ***\n',
  );
}

function integration(flavor: 'sqlite' | 'postgres'): TestProjectInlineConfiguration {
  return {
    extends: true as const,
    test: {
      name: `integration-${flavor}`,
      include: ['tests/integration/**/*.test.ts'],
      globalSetup: ['tests/support/template-database.ts'],
      setupFiles: ['tests/support/fresh-database.ts'],
      env: { STEWARD_TEST_FLAVOR: flavor },
      testTimeout: 120_000,
      hookTimeout: 120_000,
      fileParallelism: flavor === 'postgres',
    },
  };
}

export default defineConfig({
  resolve: {
    alias: { '@': root, 'server-only': `${root}tests/support/server-only.ts` },
  },
  test: {
    environment: 'node',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      integration('sqlite'),
      ...(postgresAvailable || process.env.CI ? [integration('postgres')] : []),
    ],
  },
});
