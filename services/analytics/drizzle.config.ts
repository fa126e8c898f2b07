import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/bi-views.ts'],
  out: './migrations',
  schemaFilter: ['analytics', 'analytics_bi'],
});
