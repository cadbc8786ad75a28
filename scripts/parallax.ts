// `npm run parallax -- <command>`: the CLI, against the same database as `npm start`.
import { disconnectDb } from '@/lib/db';
import { ensureDatabase } from './db/ensure';
import { runCommand, usage } from './cli/commands';

const argv = process.argv.slice(2);
if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0] ?? '')) {
  console.log(usage);
  process.exit(argv.length === 0 ? 2 : 0);
}
process.env.NEXT_TELEMETRY_DISABLED = '1';
// The CLI imports whole projects in one transaction: longer statements than a web request's (lib/db.ts).
process.env.PARALLAX_DB_STATEMENT_TIMEOUT_MS ??= '600000';
const database = await ensureDatabase({ throwaway: false, quiet: true });
process.env.DATABASE_URL = database.url;
let code = 1;
try {
  code = await runCommand(argv, { out: (l) => console.log(l), err: (l) => console.error(l) });
} catch (error) {
  console.error('Unexpected error:', error);
} finally {
  await disconnectDb();
  await database.stop();
}
process.exit(code);
