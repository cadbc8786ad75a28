// The migration tooling against the database the suite runs on (DATABASE_URL, a throwaway
// PostgreSQL under `npm test`): the history is complete, re-applying is a no-op, and the schema's
// tables exist.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../scripts/db/migrate';

const root = path.resolve(import.meta.dirname, '..', '..');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const databaseUrl = process.env.DATABASE_URL ?? '';

const migrationFolders = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

// Table names come from the schema itself, so the test follows schema changes.
const schemaTables = [...fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8').matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)].map(
  ([, name, body]) => /@@map\("([^"]+)"\)/.exec(body ?? '')?.[1] ?? name ?? '',
);

describe('database tooling', () => {
  const client = new pg.Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    // Whoever started the database has migrated it already; this makes the file runnable alone.
    await applyMigrations(databaseUrl);
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it('has migrations to check', () => {
    expect(migrationFolders.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
  });

  it('records every migration folder as finished in _prisma_migrations', async () => {
    const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean; logs: string | null }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    const applied = rows.filter((r) => !r.rolled_back);
    expect(applied.map((r) => r.migration_name)).toEqual(migrationFolders);
    for (const row of applied) expect(row, row.migration_name).toMatchObject({ finished: true, logs: null });
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(databaseUrl)).toEqual([]);
  });

  it("creates every model's table", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name);
    expect(schemaTables.length).toBeGreaterThan(0);
    for (const table of schemaTables) expect(tables, table).toContain(table);
  });
});
