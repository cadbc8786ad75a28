// "A migrated database, whichever is available": DATABASE_URL when set, else the embedded
// PostgreSQL (persistent in .data/pg, or a throwaway one deleted on stop), with migrations applied.
import { startEmbeddedPostgres } from './embedded';
import { applyMigrations } from './migrate';

export interface EnsureOptions {
  throwaway?: boolean;
  /** No progress messages (they go to stderr, so stdout stays clean for command output anyway). */
  quiet?: boolean;
  /** See EmbeddedOptions.handleSignals. */
  handleSignals?: boolean;
}

export interface EnsuredDatabase {
  url: string;
  /** Stops the embedded cluster if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export async function ensureDatabase({ throwaway = false, quiet = false, handleSignals = true }: EnsureOptions = {}): Promise<EnsuredDatabase> {
  const say = (line: string): void => void (quiet || process.stderr.write(`${line}\n`));
  const external = process.env.DATABASE_URL;
  const db = external
    ? { url: external, started: false, stop: async () => undefined }
    : await startEmbeddedPostgres({ persistent: !throwaway, handleSignals });
  if (db.started) say(`PostgreSQL ${throwaway ? '(throwaway) ' : ''}started: ${db.url}`);
  try {
    const applied = await applyMigrations(db.url);
    for (const name of applied) say(`Applied migration ${name}`);
  } catch (error) {
    await db.stop();
    throw error;
  }
  return { url: db.url, stop: db.stop };
}
