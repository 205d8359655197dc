import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a migration after a schema change; commit it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/*.ts',
  out: './server/db/migrations',
});
