import 'server-only';
import path from 'node:path';
import { AppError, type ErrorCode, errorStatus } from '@/lib/errors';

// Heavy work (reading a 50 MB project file, writing 50,000 annotations) runs in a worker thread, so
// the thread that answers requests never waits on it: the request thread only starts the worker
// and hears when it is done. A worker has its own module instances, and so its own small database
// pool (PARALLAX_DB_POOL=2), and it reports progress where every app instance can read it (the
// job's row), not through this thread.
//
// The worker runs the app's TypeScript modules as they are on disk (through tsx, which the app
// already depends on), outside Next's bundle: `next start` runs from the repository, so the files
// are there. PARALLAX_ROOT overrides where they are looked for.

export function appRoot(): string {
  return process.env.PARALLAX_ROOT ?? process.cwd();
}

/**
 * node:worker_threads, taken from Node at run time. The worker's entry is a file on disk for Node
 * to run, not a module for the bundler: when Turbopack sees `new Worker(path)` with the Worker of an
 * imported node:worker_threads, it bundles the entry and, through tsx, esbuild's native binary, and
 * the build fails. It does not follow a Worker it cannot see imported.
 */
function workerThreads(): typeof import('node:worker_threads') {
  return process.getBuiltinModule('node:worker_threads');
}

type WorkerReply = ({ type: 'result'; result: unknown } | { type: 'error'; error: { name: string; message: string; code?: string; stack?: string } }) & {
  /** The thread's V8 heap after the job: a thread left holding a large heap is not kept. */
  heapBytes: number;
};

/** At most this many workers at a time per process; the others wait their turn. */
const maxConcurrent = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

// Idle threads are kept for the next job: starting one (tsx, the app's modules, Prisma's client)
// costs one to two seconds of CPU, more than a small import itself. One that has been idle this
// long, or whose heap grew past the bound (a large file's reading), is ended, so an idle server
// gives the memory back.
const idleMs = Number(process.env.PARALLAX_WORKER_IDLE_MS ?? 60_000);
const keepHeapBytes = 256 * 1024 * 1024;
type Thread = { worker: import('node:worker_threads').Worker; idleTimer: NodeJS.Timeout | null };
const idle: Thread[] = [];

function startThread(root: string): Thread {
  const worker = new (workerThreads().Worker)(path.join(root, 'lib', 'jobs', 'worker-entry.mjs'), {
    workerData: { tsconfig: path.join(root, 'tsconfig.json') },
    // lib/data's modules import 'server-only', which resolves to nothing under this condition.
    execArgv: ['--conditions=react-server'],
    // A worker writes a whole project in one transaction: its statements may take longer than a
    // request's (lib/db.ts).
    env: { ...process.env, PARALLAX_DB_POOL: process.env.PARALLAX_WORKER_DB_POOL ?? '2', PARALLAX_DB_STATEMENT_TIMEOUT_MS: process.env.PARALLAX_WORKER_STATEMENT_TIMEOUT_MS ?? '600000' },
    // A runaway file must not take the whole server's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: Number(process.env.PARALLAX_WORKER_HEAP_MB ?? 1024) },
  });
  return { worker, idleTimer: null };
}

/** Ends a thread: its modules close their database pools first (a few seconds at most). */
function retire(thread: Thread): void {
  const at = idle.indexOf(thread);
  if (at >= 0) idle.splice(at, 1);
  if (thread.idleTimer) clearTimeout(thread.idleTimer);
  thread.worker.postMessage({ type: 'dispose' });
  setTimeout(() => void thread.worker.terminate(), 5000).unref();
}

function keep(thread: Thread): void {
  // An idle thread must not keep the process alive (a script's, a test's).
  thread.worker.unref();
  thread.idleTimer = setTimeout(() => retire(thread), idleMs);
  thread.idleTimer.unref();
  idle.push(thread);
}

/**
 * Runs `fn(...args)` of the module at `modulePath` (relative to the app's root) in a worker thread
 * and resolves with its result. An AppError thrown there comes back as an AppError with the same
 * code and message; anything else as an Error.
 */
export async function runInWorker<T>(modulePath: string, fn: string, args: unknown[]): Promise<T> {
  const release = await slot();
  const root = appRoot();
  const thread = idle.pop() ?? startThread(root);
  if (thread.idleTimer) clearTimeout(thread.idleTimer);
  thread.idleTimer = null;
  const { worker } = thread;
  worker.ref();
  try {
    return await new Promise<T>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply) => {
        done();
        if (reply.heapBytes > keepHeapBytes) retire(thread);
        else keep(thread);
        if (reply.type === 'result') resolve(reply.result as T);
        else if (reply.error.name === 'AppError' || reply.error.name === 'ImportError') {
          const code = (reply.error.code ?? 'INVALID') as ErrorCode;
          reject(new AppError(code in errorStatus ? code : 'INVALID', reply.error.message));
        } else {
          const error = new Error(reply.error.message);
          error.stack = reply.error.stack;
          reject(error);
        }
      };
      // The thread failed (out of memory, say) or stopped: it is not used again.
      const onError = (error: Error) => {
        done();
        void worker.terminate();
        reject(error);
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`the worker for ${fn} stopped (exit code ${code}) before it answered`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'run', module: path.join(/* turbopackIgnore: true */ root, modulePath), fn, args });
    });
  } finally {
    release();
  }
}
