import { defineConfig } from 'prisma/config';

// `env('DATABASE_URL')` throws when the variable is unset, and `prisma generate` runs at
// install time on machines with no database yet; the generator does not need the URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
