// `npm run bench -- --profile`: where the time of one page interaction goes. A Chrome trace gives
// main-thread self time by kind of work (script, style, layout, paint, parsing, GC), and a V8 CPU
// profile the hottest functions. Both files are written to bench-results/ for DevTools.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const profiling = process.argv.includes('--profile');

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = {
  /** Main-thread self time by trace event name, largest first (ms). */
  mainThread: { name: string; ms: number }[];
  /** Functions by self time, largest first (ms). */
  hotFunctions: { fn: string; where: string; ms: number }[];
};

/** Self time per event name on the busiest renderer main thread. */
function summarizeTrace(events: TraceEvent[]): { name: string; ms: number }[] {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  let busiest: TraceEvent[] = [];
  for (const list of byThread.values()) if (list.reduce((s, e) => s + e.dur!, 0) > busiest.reduce((s, e) => s + e.dur!, 0)) busiest = list;
  busiest.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
      const { e, child } = stack.pop()!;
      self.set(e.name, (self.get(e.name) ?? 0) + Math.max(0, e.dur! - child));
      if (stack.length > 0) stack.at(-1)!.child += e.dur!;
    }
  };
  for (const e of busiest) {
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return [...self].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms).filter((r) => r.ms >= 1);
}

function summarizeProfile(profile: CpuProfile): { fn: string; where: string; ms: number }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  for (const [i, id] of profile.samples.entries()) {
    const node = byNode.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/_next\//, '_next/')}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = self.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += profile.timeDeltas[i] ?? 0;
    self.set(key, entry);
  }
  return [...self.values()].map(({ fn, where, us }) => ({ fn, where, ms: us / 1000 })).sort((a, b) => b.ms - a.ms).slice(0, 25);
}

/** Runs `action` on `page` under a trace and a CPU profile; writes both as `<name>.json` / `<name>.cpuprofile`. */
export async function profile(browser: Browser, context: BrowserContext, page: Page, dir: string, name: string, action: () => Promise<unknown>): Promise<ProfileSummary> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading'] });
  await cdp.send('Profiler.start');
  let failure: unknown = null;
  try {
    await action();
  } catch (error) {
    failure = error;
  }
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const trace = await browser.stopTracing();
  await cdp.detach();
  if (failure) throw failure;
  writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(cpu));
  writeFileSync(path.join(dir, `${name}.trace.json`), trace);
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  return { mainThread: summarizeTrace(events).slice(0, 20), hotFunctions: summarizeProfile(cpu) };
}
