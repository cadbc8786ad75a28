import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { query, raw, sql } from '@/lib/data/sql';
import { getDb, getPool } from '@/lib/db';

describe('sql`…` (the hot path straight to pg)', () => {
  it('numbers placeholders, inlines fragments with their own renumbered, and runs on PostgreSQL', async () => {
    const inner = sql`(${2}::int + ${3}::int)`;
    const statement = sql`SELECT ${1}::int + ${inner} AS "sum", ${'x'}::text || ${raw("'y'")} AS "text"`;
    expect(statement.text).toBe(`SELECT $1::int + ($2::int + $3::int) AS "sum", $4::text || 'y' AS "text"`);
    expect(statement.values).toEqual([1, 2, 3, 'x']);
    expect(await query<{ sum: number; text: string }>(statement)).toEqual([{ sum: 6, text: 'xy' }]);
    // The same text runs again as the same named statement, with other values.
    expect(await query<{ sum: number }>(sql`SELECT ${10}::int + ${sql`(${20}::int + ${30}::int)`} AS "sum"`)).toEqual([{ sum: 60 }]);
  });

  it('passes null and arrays as parameters, and reports PostgreSQL’s error code', async () => {
    const [row] = await query<{ n: boolean; len: number }>(sql`SELECT ${null}::uuid IS NULL AS "n", cardinality(${['a', 'b']}::text[]) AS "len"`);
    expect(row).toEqual({ n: true, len: 2 });
    await expect(query(raw(`DO $$ BEGIN RAISE unique_violation; END $$`))).rejects.toMatchObject({ code: '23505' });
  });

  it('keeps the connection after an error PostgreSQL reports, through pg and through Prisma', async () => {
    // pg-pool alone would close it and open a new one (a new backend process) for the next statement.
    const backend = async () => (await query<{ pid: number }>(sql`SELECT pg_backend_pid() AS "pid"`))[0]!.pid;
    const before = await backend();
    const opened = getPool().totalCount;
    await expect(query(raw(`DO $$ BEGIN RAISE unique_violation; END $$`))).rejects.toThrow();
    await expect(query(sql`SELECT 1 / ${0}::int`)).rejects.toThrow(/division by zero/);
    await expect(getDb().$queryRaw`SELECT 1 / ${0}::int`).rejects.toThrow(/division by zero/);
    expect(await backend()).toBe(before);
    expect(getPool().totalCount).toBe(opened);
    // A statement that ends its own session (FATAL) takes only that connection with it.
    await expect(query(sql`SELECT pg_terminate_backend(pg_backend_pid())`)).rejects.toThrow(/terminating connection/);
    expect(await backend()).not.toBe(before);
  });

  it('survives its idle connections being ended by the database, and reconnects', async () => {
    await query(sql`SELECT 1`);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      // End every other connection to this database, as a restart or an administrator would.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(await query<{ ok: number }>(sql`SELECT 1 AS "ok"`)).toEqual([{ ok: 1 }]);
  });
});
