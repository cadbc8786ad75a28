// Summary statistics for benchmark samples. Percentiles are nearest-rank (the value of a real
// sample, never an interpolation), so "p95 of 20 samples" is the 19th fastest.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export const max = (samples: readonly number[]): number => (samples.length === 0 ? Number.NaN : Math.max(...samples));

export const min = (samples: readonly number[]): number => (samples.length === 0 ? Number.NaN : Math.min(...samples));

export function summary(samples: readonly number[]): { n: number; min: number; p50: number; p95: number; p99: number; max: number } {
  return { n: samples.length, min: min(samples), p50: median(samples), p95: percentile(samples, 95), p99: percentile(samples, 99), max: max(samples) };
}

/** Rounds for display and JSON: whole numbers above 100, otherwise one decimal (or two below 1). */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 1 : 2;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same spans and the same actions. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Times `f` `runs` times after one unmeasured warm-up; the samples in ms. */
export function timeRuns(runs: number, f: () => unknown): number[] {
  f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}

/** timeRuns for async work. */
export async function timeRunsAsync(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}
