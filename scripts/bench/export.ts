// Issue 7's benchmark: the demo project's five articles with 5,000 annotations (the comparison
// benchmark's fixture) exported in every format: under 5 s as a PDF report, under 1 s in each other
// format. Timed in process through exportProject (the function the export page, the REST API and
// the CLI call): reading the project, building the snapshot, writing the file. Then, through the
// running server, a PDF export over the streamed-progress route while another client asks for a
// page every 100 ms: how long those answers took while the report was drawn.
import http from 'node:http';
import { userActor } from '@/lib/data/actor';
import { exportProject, importProjectFile } from '@/lib/data/exports';
import { password } from './annotate-fixture';
import { createFixture } from './compare';
import { benchDatabase, signIn, startNextServer, type Bench, type BenchContext, type Row } from './harness';
import { median, percentile, round } from './stats';

const formats = [
  { format: 'pdf', target: 5000 },
  { format: 'html', target: 1000 },
  { format: 'csv', target: 1000 },
  { format: 'w3c', target: 1000 },
  { format: 'qdpx', target: 1000 },
  { format: 'qdc', target: 1000 },
] as const;
const runs = 3;


function get(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
      })
      .on('error', reject);
  });
}

export const exportBench: Bench = {
  name: 'export',
  title: 'Exports (issue 7): five articles, 5,000 annotations; PDF under 5 s, every other format under 1 s',
  async run(ctx: BenchContext) {
    const database = await benchDatabase(ctx, { build: true });
    const f = await createFixture(ctx);
    const actor = userActor(f.ownerId);
    const rows: Row[] = [];
    const details: Record<string, unknown> = {};
    for (const { format, target } of formats) {
      const samples: number[] = [];
      let size = 0;
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        const file = await exportProject(actor, f.slug, { format }, 'http://localhost:3000');
        const ms = performance.now() - t0;
        if (i > 0) samples.push(ms); // the first warms the code paths
        size = file.bytes.length;
      }
      details[format] = { samples, size };
      rows.push({ name: `${format}: whole project, median`, value: round(median(samples)), unit: 'ms', target: { op: '<', value: target }, note: `n=${runs} after one warm-up, max ${round(Math.max(...samples))} ms; ${Math.round(size / 1024)} KB` });
    }
    // Round trips at this size, for the record (not targets).
    for (const format of ['w3c', 'qdpx'] as const) {
      const file = await exportProject(actor, f.slug, { format }, 'http://localhost:3000');
      const t0 = performance.now();
      const result = await importProjectFile(actor, { format, bytes: file.bytes, slug: `${f.slug}-${format}` });
      rows.push({ name: `import ${format} into a new project (${result.annotations} annotations)`, value: round(performance.now() - t0), unit: 'ms' });
    }

    // Responsiveness: a PDF export through the server while another client asks for a page.
    const { baseUrl } = await startNextServer(ctx, { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET });
    const cookie = await signIn(baseUrl, f.ownerEmail, password);
    const pageUrl = `${baseUrl}/projects/${f.slug}/codebook`;
    for (let i = 0; i < 3; i++) await get(pageUrl, cookie);
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push(await get(pageUrl, cookie));
    const during: number[] = [];
    let exporting = true;
    const t0 = performance.now();
    const exportDone = fetch(`${baseUrl}/api/projects/${f.slug}/exports`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'pdf' }) })
      .then((r) => r.text())
      .then((body) => {
        exporting = false;
        if (!body.includes('"type":"done"')) throw new Error(`the streamed export did not finish: ${body.slice(-300)}`);
        return performance.now() - t0;
      });
    while (exporting) {
      during.push(await get(pageUrl, cookie));
      await new Promise((r) => setTimeout(r, 100));
    }
    const streamedMs = await exportDone;
    rows.push({ name: 'pdf through the server (streamed progress route), wall', value: round(streamedMs), unit: 'ms' });
    rows.push({ name: 'another page while no export runs, median', value: round(median(idle)), unit: 'ms' });
    rows.push({ name: `another page during the PDF export, median (n=${during.length})`, value: round(median(during)), unit: 'ms' });
    rows.push({ name: 'another page during the PDF export, max', value: round(Math.max(...during)), unit: 'ms', note: `p95 ${round(percentile(during, 95))} ms` });
    return { rows, details: { ...details, idle, during, streamedMs } };
  },
};
