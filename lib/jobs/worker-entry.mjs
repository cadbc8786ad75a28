// The entry point of every worker thread (lib/jobs/worker.ts). Plain JavaScript, so Node runs it as
// it is: it registers tsx's loader in this thread (the app's modules are TypeScript with the "@/"
// paths of tsconfig.json, and run here outside Next's bundle), imports the job's module and runs
// the named function with the arguments given, then reports the result or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });

function describe(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, code: error.code, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

try {
  const module = await import(workerData.module);
  const fn = module[workerData.fn];
  if (typeof fn !== 'function') throw new Error(`${workerData.module} has no function ${workerData.fn}`);
  const result = await fn(...workerData.args);
  parentPort.postMessage({ type: 'result', result });
} catch (error) {
  parentPort.postMessage({ type: 'error', error: describe(error) });
} finally {
  try {
    const module = await import(workerData.module);
    if (typeof module.disposeWorker === 'function') await module.disposeWorker();
  } catch {
    // Nothing more to do: the thread ends next.
  }
}
