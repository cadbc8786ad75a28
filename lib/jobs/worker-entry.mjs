// The entry point of every worker thread (lib/jobs/worker.ts). Plain JavaScript, so Node runs it as
// it is: it registers tsx's loader in this thread (the app's modules are TypeScript with the "@/"
// paths of tsconfig.json, and run here outside Next's bundle), then runs jobs as they are posted:
// `{ type: 'run', module, fn, args }` imports the module (once per thread) and answers with the
// result or the error; `{ type: 'dispose' }` lets the modules close what they hold (the database
// pool) and ends the thread. A thread is kept for the next job because starting one, loading the
// app's modules through tsx, costs one to two seconds of CPU.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });

// The collector, callable by the jobs (lib/jobs/memory.ts): they stream more through than they
// hold, and V8's lazy collection would let the thread's heap grow by hundreds of megabytes of
// garbage. A worker cannot be given --expose-gc; the flag is set at run time instead, and a new
// context made after it has the gc function (the way Jest's leak detector gets it).
setFlagsFromString('--expose-gc');
globalThis.gc = runInNewContext('gc');

// Below the request thread's priority: on a machine with few cores a long import must not take
// the CPU the pages and the API need. Linux gives each thread its own nice value, and
// /proc/thread-self names this thread's id; elsewhere the thread keeps the process's priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, Number(process.env.PARALLAX_WORKER_NICE ?? 10));
} catch {
  // not Linux, or not allowed: run at the process's priority
}

function describe(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, code: error.code, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

const loaded = new Set();

parentPort.on('message', async (message) => {
  if (message.type === 'run') {
    try {
      const module = await import(message.module);
      loaded.add(message.module);
      const fn = module[message.fn];
      if (typeof fn !== 'function') throw new Error(`${message.module} has no function ${message.fn}`);
      const result = await fn(...message.args);
      // The heap the job grew to (before its garbage is collected) decides whether the thread is
      // kept (lib/jobs/worker.ts): a thread that grew large keeps much of that memory from the
      // system even once it is collected, and is ended rather than kept.
      parentPort.postMessage({ type: 'result', result, heapBytes: getHeapStatistics().total_heap_size });
    } catch (error) {
      parentPort.postMessage({ type: 'error', error: describe(error), heapBytes: getHeapStatistics().total_heap_size });
    }
    // The answer goes first, so this thread is back among the idle ones before the next job can
    // be asked for: an import's review is ready (its row says so) the moment the job returns, and
    // a confirmation that came while this thread collected found no idle thread and started a
    // second one, a second copy of the app's modules (measured: about 160 MB more for the whole
    // server after four small imports). A job posted meanwhile waits for the collection.
    globalThis.gc();
    return;
  }
  if (message.type === 'dispose') {
    for (const path of loaded) {
      try {
        const module = await import(path);
        if (typeof module.disposeWorker === 'function') await module.disposeWorker();
      } catch {
        // Nothing more to do: the thread ends next.
      }
    }
    process.exit(0);
  }
});
