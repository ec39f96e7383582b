import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The shared tables in db/, and each feature's own tables beside its code.
  schema: './backend/*/schema.ts',
  out: './migrations',
});
