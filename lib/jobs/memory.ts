// Keeping a long job's memory near what it holds, not what it has allocated.
//
// V8 collects its old generation lazily: it lets the heap grow to a multiple of what was live after
// the last full collection before it collects again. A job that streams 50 MB of text through
// (an import writing 200 texts, each copied a few times on its way to PostgreSQL) holds one text at
// a time, yet without a collection between them its heap grew by 365 MB of garbage; the server's
// whole memory is what the issue 14 benchmark bounds. So a job calls `relief(amount)` as it
// goes, with the characters or rows it has just let go of, and every `every` of those a full
// collection runs. A collection costs a few hundred milliseconds with a few hundred megabytes
// live, in the worker's own thread: the request thread does not wait for it.
//
// The collector is callable where the thread exposes it: a worker thread (lib/jobs/worker-entry.mjs
// exposes it), or a process started with --expose-gc. Elsewhere (a request, the CLI) this does nothing.

type Collect = () => void;

function collector(): Collect | null {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as Collect) : null;
}

/** A counter that runs a full collection every `every` units it is told of. */
export function memoryRelief(every: number): (amount: number) => void {
  let since = 0;
  return (amount) => {
    since += amount;
    if (since < every) return;
    since = 0;
    collector()?.();
  };
}
