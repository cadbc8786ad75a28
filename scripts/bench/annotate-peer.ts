// The named peer for the annotation benchmark: @recogito/text-annotator rendering the same
// document and annotations, served from a loopback page in the bench process. The package's UMD
// build bundles its dependencies (no bare imports), so one <script> loads it as `RecogitoJS`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { DocumentBlock } from '@/lib/data/documents';
import { repoRoot } from '../env-file';
import { type BenchContext } from './harness';

const distDir = path.join(repoRoot, 'node_modules', '@recogito', 'text-annotator', 'dist');

export const recogitoVersion = (): string =>
  (JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type PeerAnnotation = { id: string; start: number; end: number; quote: string; color: string };

/**
 * The page: the blocks as <h2>/<h3>/<p> separated by "\n\n" text nodes, so the container's
 * textContent is exactly the canonical text and Recogito's offsets (counted over the container's
 * text nodes) are the canonical offsets. The annotations are inline JSON, as Parallax's page
 * carries them inline too.
 */
function pageHtml(text: string, blocks: readonly DocumentBlock[], annotations: readonly PeerAnnotation[]): string {
  const body = blocks
    .map((b) => {
      const t = escapeHtml(text.slice(b.start, b.end));
      return b.type === 'heading' ? `<h${b.level ?? 2}>${t}</h${b.level ?? 2}>` : `<p>${t}</p>`;
    })
    .join('\n\n');
  const data = JSON.stringify(annotations).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recogito peer</title>
<link rel="stylesheet" href="/text-annotator.css">
<style>
  body { margin: 0; background: #fafaf9; color: #1c1917; font-family: Georgia, 'Source Serif 4', serif; }
  main { max-width: 48rem; margin: 2rem auto; padding: 0 1.5rem; font-size: 1.125rem; line-height: 1.75; }
  h2 { font-size: 1.5rem; line-height: 1.3; } h3 { font-size: 1.2rem; }
</style></head>
<body><main><div id="doc">${body}</div></main>
<script id="data" type="application/json">${data}</script>
<script>
  // The UMD build still reads process.env.NODE_ENV (from a bundled dependency), which bundlers
  // define; a plain page has to.
  window.process = { env: { NODE_ENV: 'production' } };
</script>
<script src="/text-annotator.umd.js"></script>
<script>
(() => {
  const rows = JSON.parse(document.getElementById('data').textContent);
  const limit = Number(new URLSearchParams(location.search).get('n') || rows.length);
  const color = new Map();
  const annotations = rows.slice(0, limit).map((r) => {
    color.set(r.id, r.color);
    return { id: r.id, bodies: [], target: { annotation: r.id, selector: [{ quote: r.quote, start: r.start, end: r.end }] } };
  });
  const state = { error: null, setMs: null, requested: annotations.length, notRevived: null };
  window.__peer = state;
  try {
    const container = document.getElementById('doc');
    const anno = RecogitoJS.createTextAnnotator(container, {
      style: (a) => ({ fill: color.get(a.id) || '#0080ff', fillOpacity: 0.3 }),
    });
    window.__peerAnno = anno;
    let set = false;
    let drawn = false;
    anno.renderer.on('onRedraw', () => {
      if (!set || drawn) return;
      drawn = true;
      performance.mark('peer:ready', { detail: { annotations: anno.state.store.all().length } });
    });
    const t0 = performance.now();
    anno.setAnnotations(annotations);
    state.setMs = performance.now() - t0;
    set = true;
  } catch (e) {
    state.error = String(e && e.stack || e);
  }
})();
</script>
</body></html>`;
}

/**
 * The limit: the same text as static HTML paragraphs, with the same fonts and measure as the peer
 * page, and no script at all. Nothing can show a document faster than the browser shows this.
 */
function plainHtml(text: string, blocks: readonly DocumentBlock[]): string {
  const body = blocks
    .map((b) => {
      const t = escapeHtml(text.slice(b.start, b.end));
      return b.type === 'heading' ? `<h${b.level ?? 2}>${t}</h${b.level ?? 2}>` : `<p>${t}</p>`;
    })
    .join('\n\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain text</title>
<style>
  body { margin: 0; background: #fafaf9; color: #1c1917; font-family: Georgia, 'Source Serif 4', serif; }
  main { max-width: 48rem; margin: 2rem auto; padding: 0 1.5rem; font-size: 1.125rem; line-height: 1.75; }
  h2 { font-size: 1.5rem; line-height: 1.3; } h3 { font-size: 1.2rem; }
</style></head>
<body><main id="doc">${body}</main></body></html>`;
}

/** Serves the peer page (at /) and the plain-text limit page (at /plain) on a free loopback port until the benchmark ends. */
export async function servePeer(
  ctx: BenchContext,
  text: string,
  blocks: readonly DocumentBlock[],
  annotations: readonly PeerAnnotation[],
): Promise<{ url: string; plainUrl: string }> {
  const html = pageHtml(text, blocks, annotations);
  const files: Record<string, { type: string; body: Buffer | string }> = {
    '/': { type: 'text/html; charset=utf-8', body: html },
    '/plain': { type: 'text/html; charset=utf-8', body: plainHtml(text, blocks) },
    '/text-annotator.umd.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(distDir, 'text-annotator.umd.js')) },
    '/text-annotator.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(distDir, 'text-annotator.css')) },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    // Cacheable like Next's static chunks, so warm runs compare like with like.
    res.writeHead(200, { 'content-type': file.type, 'cache-control': req.url?.endsWith('.js') || req.url?.endsWith('.css') ? 'public, max-age=3600' : 'no-store' });
    res.end(file.body);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  ctx.defer(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('peer server has no address');
  return { url: `http://127.0.0.1:${address.port}/`, plainUrl: `http://127.0.0.1:${address.port}/plain` };
}
