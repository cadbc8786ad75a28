import 'server-only';
import { disconnectDb } from '@/lib/db';
import { runAnalysis, runCommit } from './imports';

// The functions a worker thread runs (lib/jobs/worker.ts): reading an uploaded file for review, and
// writing it once confirmed. They take only the job's id; the job's row says who asked for what.

export const analyseImportJob = runAnalysis;
export const commitImportJob = runCommit;

/** Closes this thread's database pool before the thread ends. */
export async function disposeWorker(): Promise<void> {
  await disconnectDb();
}
