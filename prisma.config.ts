// Prisma CLI configuration. The flavor follows DATABASE_URL (postgres:// or postgresql:// selects
// PostgreSQL; anything else, SQLite), so `prisma migrate …` acts on the database the app would use.
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? `file:${process.cwd()}/data/steward.db`;
const flavor = /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';

export default defineConfig({
  schema: `prisma/${flavor}/schema.prisma`,
  migrations: { path: `prisma/${flavor}/migrations` },
  datasource: { url },
});
