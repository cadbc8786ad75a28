import { afterAll } from 'vitest';
import { disconnectDb } from '@/lib/db';

if (!process.env.DATABASE_URL) {
  throw new Error('Integration tests need DATABASE_URL; run them with `npm test` or `npm run test:integration`, which start a throwaway PostgreSQL.');
}

afterAll(async () => {
  await disconnectDb();
});
