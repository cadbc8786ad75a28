// Prisma migrations without Prisma's native schema engine (its CLI downloads one from a host this
// machine cannot reach): the same engine compiled to WebAssembly, talking to PostgreSQL through
// @prisma/adapter-pg. Reads and writes the standard prisma/migrations folders and the standard
// `_prisma_migrations` table, so `prisma migrate deploy` elsewhere sees the same history.
//
//   npx tsx scripts/db/migrate.ts deploy           apply pending migrations
//   npx tsx scripts/db/migrate.ts create <name>    write a migration for the schema changes, apply it
//
// Both use DATABASE_URL when set, else the persistent embedded PostgreSQL in .data/pg.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine, SchemaFilter, SchemasContainer } from '@prisma/schema-engine-wasm';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
const SCHEMA_PATH = path.join(ROOT, 'prisma', 'schema.prisma');
const LOCKFILE = 'migration_lock.toml';
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
const CHAR_OID = 18;
const TEXT_OID = 25;

let wasmReady = false;
const engineTimers = new Set<NodeJS.Timeout>();
// The wasm module and its timers are process-wide: one engine at a time.
let engineQueue: Promise<unknown> = Promise.resolve();
// Node 20 cannot `import` a .wasm module, which the package's entry point does: instantiate the
// module by hand against its JS glue, as the entry point would.
function loadWasm(): void {
  if (wasmReady) return;
  // The glue reports a Rust panic through this global, then traps in a callback where no promise
  // can catch it (the process dies of "unreachable"): print the one message that says why.
  const onPanic = (message: string): void => void process.stderr.write(`Schema engine panic: ${message}\n`);
  Object.assign(globalThis, { PRISMA_WASM_PANIC_REGISTRY: { set_message: onPanic } });
  const file = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm'));
  const module = new WebAssembly.Module(fs.readFileSync(file));
  // The engine races operations against 10 s timers it never clears (its glue has no
  // clearTimeout); each would keep Node alive 10 s after the work is done. Collect them to cancel.
  const glue: WebAssembly.ModuleImports = { ...bg };
  for (const name of Object.keys(glue).filter((n) => n.startsWith('__wbg_setTimeout_'))) {
    glue[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms >>> 0);
      engineTimers.add(timer);
      return timer;
    };
  }
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue });
  bg.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === 'function') start();
  wasmReady = true;
}

// The engine's catalog queries read PostgreSQL's internal "char" type (pg_constraint.contype and
// the like), which adapter-pg refuses to deserialise, while the engine wants those columns typed as
// Character. Rename them on the wire to let adapter-pg pass them through as text, then retype them.
const CHAR_MARK = '\u0000char';

function markCharColumns(client: pg.PoolClient): void {
  client.connection.prependListener('rowDescription', (message: unknown) => {
    if (typeof message !== 'object' || message === null || !('fields' in message) || !Array.isArray(message.fields)) return;
    for (const field of message.fields as unknown[]) {
      if (typeof field === 'object' && field !== null && 'dataTypeID' in field && 'name' in field && field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        field.name = `${String(field.name)}${CHAR_MARK}`;
      }
    }
  });
}

function retypeCharColumns(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, i) => {
    if (!name.endsWith(CHAR_MARK)) return;
    result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
    result.columnTypes[i] = ColumnTypeEnum.Character;
  });
  return result;
}

// PostgreSQL 18 lists NOT NULL constraints in pg_constraint (contype 'n'). This engine's
// constraint query lets them through as if they were CHECK constraints, which yields bogus diffs
// (`ALTER COLUMN ... DROP NOT NULL`) or a panic. Nullability is read from the columns anyway, so
// keep to the kinds the engine understands, as prisma/prisma-engines#5819 does upstream.
const CONSTRAINT_DENYLIST = /contype NOT IN \('p', 'u', 'f'\)/g;

function patchQueryable(queryable: SqlQueryable): void {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) =>
    retypeCharColumns(await queryRaw({ ...query, sql: query.sql.replace(CONSTRAINT_DENYLIST, "contype IN ('c', 'x')") }));
}

async function connectAdapter(connectionString: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('connect', markCharColumns);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    patchQueryable(transaction);
    return transaction;
  };
  // adapter-pg splits scripts on every ';' (even inside strings and comments) and runs the parts
  // one by one; the native engine sends the whole script as one simple query, which PostgreSQL
  // runs atomically. Without parameters pg uses the simple protocol.
  adapter.executeScript = async (script) => void (await adapter.executeRaw({ sql: script, args: [], argTypes: [] }));
  const dispose = adapter.dispose.bind(adapter);
  let disposed = false;
  adapter.dispose = async () => {
    if (disposed) return;
    disposed = true;
    await dispose();
    await onDispose?.();
  };
  return adapter;
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// PrismaPg's own connectToShadowDb connects to the main database when given a URL and drops the
// shadow database while its pool is still open. This one owns the whole life cycle.
class Adapters implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly open = new Set<SqlDriverAdapter>();
  constructor(private readonly databaseUrl: string) {}

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.open.add(adapter);
    return adapter;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await connectAdapter(this.databaseUrl));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await adminQuery(this.databaseUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(this.databaseUrl);
    url.pathname = `/${name}`;
    const drop = (): Promise<void> => adminQuery(this.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    try {
      return this.track(await connectAdapter(url.toString(), drop));
    } catch (e) {
      await drop();
      throw e;
    }
  }

  /** The engine does not always dispose what it opened; this closes pools and drops shadows. */
  async disposeAll(): Promise<void> {
    await Promise.allSettled([...this.open].map((a) => a.dispose()));
    this.open.clear();
  }
}

function readSchema(): SchemasContainer {
  if (!fs.existsSync(SCHEMA_PATH)) throw new Error(`No Prisma schema at ${SCHEMA_PATH}`);
  return { files: [{ path: SCHEMA_PATH, content: fs.readFileSync(SCHEMA_PATH, 'utf8') }] };
}

function readMigrations(): MigrationList {
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(MIGRATIONS_DIR, dir, 'migration.sql');
      return {
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file) ? { tag: 'ok', value: fs.readFileSync(file, 'utf8') } : { tag: 'error', value: `${file} is missing` },
        },
      };
    }),
  };
}

// Engine errors arrive as objects or JSON strings; dig out the human-readable message.
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') {
    try {
      return describe(JSON.parse(error));
    } catch {
      return error;
    }
  }
  if (typeof error === 'object' && error !== null) {
    for (const key of ['message', 'error', 'meta'] as const) {
      if (key in error) return describe((error as Record<string, unknown>)[key]);
    }
  }
  return String(error);
}

function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const result = engineQueue.then(() => runEngine(databaseUrl, run));
  engineQueue = result.catch(() => undefined);
  return result;
}

async function runEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  loadWasm();
  const adapters = new Adapters(databaseUrl);
  const log = (message: unknown): void => {
    if (process.env.PARALLAX_DEBUG_DB) process.stderr.write(`[schema-engine] ${String(message)}\n`);
  };
  const schema = readSchema();
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: schema.files.map((f) => [f.path, f.content]) },
      log,
      bindMigrationAwareSqlAdapterFactory(adapters),
    );
    return await run(engine);
  } catch (error) {
    throw new Error(`Migration failed: ${describe(error)}`, { cause: error });
  } finally {
    engine?.free();
    for (const timer of engineTimers) clearTimeout(timer);
    engineTimers.clear();
    await adapters.disposeAll();
  }
}

/** Applies pending migrations from prisma/migrations; returns the names applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = readMigrations();
  if (migrationsList.migrationDirectories.length === 0) return [];
  return withEngine(databaseUrl, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  });
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql for the difference between the schema
 * and the migration history, then applies it. Returns the folder name, or null if nothing changed.
 */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  const migrationName = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200);
  if (!migrationName) throw new Error('A migration needs a name made of letters or digits');
  await applyMigrations(databaseUrl);
  return withEngine(databaseUrl, async (engine) => {
    const migrationsList = readMigrations();
    // Creating a migration needs the shadow database, which only devDiagnostic sets up.
    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (action.tag === 'reset') {
      throw new Error(`the database does not match the migration history (${action.reason}); reset it or fix prisma/migrations`);
    }
    const created = await engine.createMigration({ draft: false, migrationName, migrationsList, schema: readSchema(), filters: NO_FILTER });
    if (created.migrationScript === null) return null;
    const dir = path.join(MIGRATIONS_DIR, created.generatedMigrationName);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `migration.${created.extension}`), created.migrationScript);
    fs.writeFileSync(
      path.join(MIGRATIONS_DIR, LOCKFILE),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
    );
    await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTER });
    return created.generatedMigrationName;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  if (command !== 'deploy' && !(command === 'create' && name)) {
    process.stderr.write('Usage: npx tsx scripts/db/migrate.ts deploy | create <name>\n');
    return 2;
  }
  let url = process.env.DATABASE_URL;
  let stop = async (): Promise<void> => undefined;
  if (!url) {
    const { startEmbeddedPostgres } = await import('./embedded');
    const db = await startEmbeddedPostgres({ persistent: true });
    ({ url, stop } = db);
  }
  try {
    if (command === 'deploy') {
      const applied = await applyMigrations(url);
      process.stderr.write(applied.length ? applied.map((n) => `Applied ${n}\n`).join('') : 'No pending migrations.\n');
    } else {
      const created = await createMigration(url, name ?? '');
      process.stderr.write(created ? `Created and applied prisma/migrations/${created}\n` : 'The schema matches the migrations: nothing to create.\n');
    }
    return 0;
  } finally {
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${describe(error)}\n`);
      process.exitCode = 1;
    },
  );
}
