import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/projects/[slug]/export/route';
import * as exportsRoute from '@/app/api/projects/[slug]/exports/route';
import * as storedRoute from '@/app/api/exports/[id]/route';
import * as importRoute from '@/app/api/projects/import/route';
import { createAnnotation } from '@/lib/data/annotations';
import { createComment } from '@/lib/data/comments';
import { saveMemo } from '@/lib/data/compare';
import { applyMergeRule } from '@/lib/data/curation';
import { exportProject, getStoredExport, importCodebookFile, importProjectFile, storeExport } from '@/lib/data/exports';
import { createApiToken } from '@/lib/data/tokens';
import { getDb } from '@/lib/db';
import { fromW3C } from '@/lib/export';
import type { ExportSnapshot } from '@/lib/export/types';
import { runCommand } from '@/scripts/cli/commands';
import { failedAssertions, hasRefiReference, hasW3cReference, hasXmllint, loadAssertions, noteSkipped, refiDir, validateWithXmllint } from '../unit/export/reference';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;

/** A small project with both layers, attribute values, notes, a comment thread and memos. */
async function setUp() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR' });
  const { security, sanctuary } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Export “quotes”, commas, and — dashes');
  const [ana, ben] = [p.members.ana!, p.members.ben!];
  const first = spanOf(doc.text, 'The talks failed because of');
  const a1 = await createAnnotation(ana.actor, doc.id, { ...first, categoryId: security.id, note: 'Blames, "both"; sides', attributes: { 'blame-target': 'pakistan' } });
  await createAnnotation(ben.actor, doc.id, { ...first, categoryId: security.id, attributes: { 'blame-target': 'pakistan' } });
  await createAnnotation(ana.actor, doc.id, { ...spanOf(doc.text, 'Both sides blamed'), categoryId: sanctuary.id });
  await createComment(p.owner.actor, a1.annotation.id, { id: crypto.randomUUID(), body: 'Agreed — see the next paragraph.' });
  await saveMemo(p.owner.actor, p.slug, { documentId: doc.id, body: 'Frames the failure as mutual.', version: 0 });
  await saveMemo(p.owner.actor, p.slug, { documentId: null, body: 'Security versus diplomacy.', version: 0 });
  await applyMergeRule(p.owner.actor, doc.id, { rule: 'all' });
  return { p, doc, ana, ben, security, first };
}

/** What must survive a round trip, without ids, times of export or the server's address. */
function content(s: ExportSnapshot) {
  const user = new Map(s.users.map((u) => [u.id, u.name]));
  const cat = new Map(s.categories.map((c) => [c.id, c.path]));
  const doc = new Map(s.documents.map((d) => [d.id, d.contentHash]));
  const ann = new Map(s.annotations.map((a) => [a.id, `${doc.get(a.documentId)}:${a.start}-${a.end}:${cat.get(a.categoryId)}:${user.get(a.annotatorId)}`]));
  return {
    categories: s.categories.map((c) => [c.path, c.color, c.description]).sort(),
    attributes: s.attributes.map((a) => [a.key, a.name, a.options.map((o) => [o.value, o.label])]),
    documents: s.documents.map((d) => [d.title, d.author, d.outlet, d.publishedOn, d.text, d.blocks]),
    annotations: s.annotations
      .map((a) => [doc.get(a.documentId), a.layer, user.get(a.annotatorId), cat.get(a.categoryId), a.start, a.end, a.quote, a.note, a.attributes, a.createdAt])
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    comments: s.comments.map((c) => [ann.get(c.annotationId), user.get(c.authorId), c.body]).sort(),
    memos: s.memos.map((m) => [m.documentId ? doc.get(m.documentId) : null, m.body]).sort(),
  };
}

describe('exports', () => {
  it('writes CSV, W3C, REFI-QDA, HTML and PDF files that read back as what was exported', async () => {
    const { p, doc, first } = await setUp();
    const base = 'http://parallax.test';
    // CSV: BOM, a header and one row per annotation (2 annotator rows + 1 + 1 consensus).
    const csv = await exportProject(p.owner.actor, p.slug, { format: 'csv' }, base);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark
    const text = new TextDecoder().decode(csv.bytes);
    expect(text.split('\r\n').filter((l) => l.trim() !== '').length).toBe(1 + 4);
    expect(text).toContain('"Blames, ""both""; sides"');
    expect(csv.filename).toMatch(new RegExp(`^${p.slug}-annotations-\\d{4}-\\d{2}-\\d{2}\\.csv$`));

    // W3C: every annotation passes the test suite's MUST assertions; the file reads back.
    const w3c = await exportProject(p.owner.actor, p.slug, { format: 'w3c' }, base);
    const json = JSON.parse(new TextDecoder().decode(w3c.bytes)) as { first: { items: unknown[] } };
    const back = fromW3C(json);
    expect(content(back)).toEqual(content(w3c.snapshot));
    if (hasW3cReference) {
      const musts = loadAssertions('annotations/annotationMusts.test');
      const codings = json.first.items.filter((i) => (i as { motivation?: string }).motivation === 'classifying');
      expect(codings.length).toBe(4);
      for (const item of codings) expect(failedAssertions(musts, item)).toEqual([]);
    } else noteSkipped('W3C conformance of the integration export', 'the reference schemas are not beside the repository');

    // REFI-QDA: project.qde validates against the published XSD; sources are the texts.
    const qdpx = await exportProject(p.owner.actor, p.slug, { format: 'qdpx' }, base);
    const files = unzipSync(qdpx.bytes);
    expect(new TextDecoder().decode(files[`Sources/${doc.id}.txt`]!)).toBe(doc.text);
    if (hasRefiReference && hasXmllint) {
      const file = path.join(dir, 'project.qde');
      writeFileSync(file, files['project.qde']!);
      const verdict = validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd'));
      expect(verdict.output).toMatch(/validates/);
      expect(verdict.ok).toBe(true);
    } else noteSkipped('QDA-XML validation of the integration export', 'the XSD or xmllint is missing');

    // HTML: one self-contained page with the passages highlighted and the thread.
    const html = new TextDecoder().decode((await exportProject(p.owner.actor, p.slug, { format: 'html' }, base)).bytes);
    expect(html).toContain('<mark');
    expect(html).toContain('Export “quotes”, commas, and — dashes');
    expect(html).toContain('Agreed — see the next paragraph.');
    expect(html).toContain('Security versus diplomacy.');
    expect(html).not.toContain('<script');

    // PDF: embedded fonts, and a reader finds the title, a passage and the memo on the pages.
    const pdf = await exportProject(p.owner.actor, p.slug, { format: 'pdf' }, base);
    expect(new TextDecoder('latin1').decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    if (hasPoppler) {
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, pdf.bytes);
      const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
      expect(fonts).toMatch(/Inter-Regular\s+CID TrueType\s+Identity-H\s+yes/);
      const pages = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      expect(pages).toContain(`Project ${p.slug}`);
      expect(pages.replace(/\s+/g, ' ')).toContain(first.quote);
      expect(pages).toContain('Security versus diplomacy.');
      expect(pages).toMatch(/alpha-u|Agreement needs/);
      // Rendered as a reader sees it: the first page is a PNG with ink on it.
      const out = path.join(dir, 'page');
      expect(spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, out]).status).toBe(0);
      const png = readFileSync(`${out}-1.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(3000);
    } else noteSkipped('reading the PDF back', 'pdftotext/pdftoppm (Debian poppler-utils) are not installed');
  });

  it('round-trips W3C and REFI-QDA through new projects without loss', async () => {
    const { p } = await setUp();
    const base = 'http://parallax.test';
    for (const format of ['w3c', 'qdpx'] as const) {
      const first = await exportProject(p.owner.actor, p.slug, { format }, base);
      const slug = `${p.slug}-${format}`;
      const result = await importProjectFile(p.owner.actor, { format, bytes: first.bytes, slug });
      expect(result).toMatchObject({ slug, documents: 1, annotations: 4, comments: 1, memos: 2 });
      const again = await exportProject(p.owner.actor, slug, { format }, base);
      expect(content(again.snapshot)).toEqual(content(first.snapshot));
    }
  });

  it('follows blind coding: an annotator’s export holds only what they may see', async () => {
    const { p, ana } = await setUp();
    const mine = await exportProject(ana.actor, p.slug, { format: 'csv' }, 'http://x.test');
    expect(mine.snapshot.annotations.map((a) => a.annotatorId)).toEqual([ana.id, ana.id]);
    expect(mine.snapshot.annotations.some((a) => a.layer === 'CONSENSUS')).toBe(false);
    expect(mine.snapshot.comments).toHaveLength(1); // the thread on her own annotation
    const outsider = await makeUser('outsider');
    await expectAppError(exportProject(outsider.actor, p.slug, { format: 'csv' }, 'http://x.test'), 'NOT_FOUND');
    await expectAppError(exportProject(p.owner.actor, p.slug, { format: 'docx' as 'csv' }, 'http://x.test'), 'INVALID', /format must be one of/);
    await expectAppError(exportProject(p.owner.actor, p.slug, { format: 'csv', documents: ['00000000-0000-4000-8000-000000000000'] }, 'http://x.test'), 'INVALID', /not in this project/);
  });

  it('keeps a finished export for its maker only, and streams progress over REST', async () => {
    const { p, ana } = await setUp();
    const file = await exportProject(p.owner.actor, p.slug, { format: 'csv' }, 'http://x.test');
    const kept = await storeExport(p.owner.actor, p.slug, file);
    expect((await getStoredExport(p.owner.actor, kept.id)).filename).toBe(file.filename);
    await expectAppError(getStoredExport(ana.actor, kept.id), 'NOT_FOUND');

    const token = (await createApiToken(p.owner.actor, { name: 't' })).token;
    const req = (method: string, url: string, body?: BodyInit, type = 'application/json') =>
      new Request(`http://localhost${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    const seg = { params: Promise.resolve({ slug: p.slug }) };
    const res = await exportsRoute.POST(req('POST', `/api/projects/${p.slug}/exports`, JSON.stringify({ format: 'pdf' })), seg);
    expect(res.headers.get('content-type')).toMatch(/ndjson/);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; id?: string; stage?: string });
    expect(lines[0]).toMatchObject({ type: 'progress', stage: 'Reading the project' });
    expect(lines.some((l) => l.stage === 'Drawing the report')).toBe(true);
    const done = lines[lines.length - 1]!;
    expect(done.type).toBe('done');
    const download = await storedRoute.GET(req('GET', `/api/exports/${done.id}`), { params: Promise.resolve({ id: done.id! }) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/attachment; filename=".*-report-.*\.pdf"/);
    const bad = await exportsRoute.POST(req('POST', `/api/projects/${p.slug}/exports`, JSON.stringify({ format: 'xls' })), seg);
    expect(bad.status).toBe(422);
    const direct = await exportRoute.GET(req('GET', `/api/projects/${p.slug}/export?format=csv`), seg);
    expect(direct.headers.get('content-type')).toBe('text/csv; charset=utf-8');

    // An outsider is answered 404 before any stream starts, as for a project that does not exist.
    const outsider = await makeUser('outsider');
    const outsiderToken = (await createApiToken(outsider.actor, { name: 't' })).token;
    const asOutsider = (slug: string) =>
      exportsRoute.POST(new Request(`http://localhost/api/projects/${slug}/exports`, { method: 'POST', headers: { authorization: `Bearer ${outsiderToken}`, 'content-type': 'application/json' }, body: '{"format":"csv"}' }), { params: Promise.resolve({ slug }) });
    const hidden = await asOutsider(p.slug);
    const missing = await asOutsider('no-such-project-anywhere');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.headers.get('content-type')).toMatch(/json/);
  });
});

describe('imports', () => {
  it('refuses bad files with a message naming the problem, and leaves nothing half-imported', async () => {
    const { p } = await setUp();
    const db = getDb();
    const before = { projects: await db.project.count(), users: await db.user.count(), documents: await db.document.count() };
    const good = await exportProject(p.owner.actor, p.slug, { format: 'w3c' }, 'http://x.test');
    const broken = JSON.parse(new TextDecoder().decode(good.bytes)) as { first: { items: { target?: { selector?: unknown } }[] } };
    delete broken.first.items[0]!.target!.selector;
    const cases: [string, Uint8Array, RegExp][] = [
      ['w3c', new TextEncoder().encode('not json'), /not JSON/],
      ['w3c', new TextEncoder().encode(JSON.stringify({ '@context': 'http://example.org' })), /carries no texts/],
      ['w3c', new TextEncoder().encode(JSON.stringify(broken)), /selector/i],
      ['qdpx', new TextEncoder().encode('PK not really'), /zip/],
      ['qdpx', good.bytes, /zip/],
    ];
    for (const [format, bytes, message] of cases) {
      await expectAppError(importProjectFile(p.owner.actor, { format, bytes, slug: `bad-${format}-${before.projects}` }), 'INVALID', message);
    }
    await expectAppError(importProjectFile(p.owner.actor, { format: 'docx', bytes: good.bytes }), 'INVALID', /format must be one of qdpx, w3c, qdc/);
    // The slug of an existing project is refused before anything is written.
    await expectAppError(importProjectFile(p.owner.actor, { format: 'w3c', bytes: good.bytes, slug: p.slug }), 'CONFLICT', /already exists/);
    expect({ projects: await db.project.count(), users: await db.user.count(), documents: await db.document.count() }).toEqual(before);
  });

  it('adds a REFI-QDA codebook’s codes to a project, for curators and owners only', async () => {
    const { p, ana } = await setUp();
    const qdc = await exportProject(p.owner.actor, p.slug, { format: 'qdc' }, 'http://x.test');
    const empty = await makeProject();
    const result = await importCodebookFile(empty.owner.actor, empty.slug, qdc.bytes);
    expect(result).toEqual({ added: 2, existing: 0, groupsAdded: 0, attributesAdded: 1 });
    // A second import finds every code already there.
    expect(await importCodebookFile(empty.owner.actor, empty.slug, qdc.bytes)).toEqual({ added: 0, existing: 2, groupsAdded: 0, attributesAdded: 0 });
    await expectAppError(importCodebookFile(ana.actor, p.slug, qdc.bytes), 'FORBIDDEN');
    await expectAppError(importCodebookFile(empty.owner.actor, empty.slug, new TextEncoder().encode('<CodeBook>')), 'INVALID');

    // Over REST, a project import answers 201 with what was loaded.
    const token = (await createApiToken(p.owner.actor, { name: 't' })).token;
    const w3c = await exportProject(p.owner.actor, p.slug, { format: 'w3c' }, 'http://x.test');
    const res = await importRoute.POST(
      new Request(`http://localhost/api/projects/import?format=w3c&slug=${p.slug}-rest`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: Buffer.from(w3c.bytes) }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ slug: `${p.slug}-rest`, annotations: 4 });
  });

  it('exports and imports from the CLI', async () => {
    const { p } = await setUp();
    const out = path.join(dir, 'cli.qdpx');
    const io = () => {
      const lines: string[] = [];
      return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
    };
    let r = io();
    expect(await runCommand(['export', '--project', p.slug, '--format', 'qdpx', '--out', out], r.io)).toBe(0);
    expect(r.lines.join('\n')).toMatch(/Wrote .*cli\.qdpx/);
    r = io();
    expect(await runCommand(['import', '--format', 'qdpx', out, '--project', `${p.slug}-cli`], r.io)).toBe(2);
    expect(r.lines.join('\n')).toMatch(/needs --owner/);
    const owner = (await getDb().user.findUniqueOrThrow({ where: { id: p.owner.id }, select: { email: true } })).email;
    r = io();
    expect(await runCommand(['import', '--format', 'qdpx', out, '--project', `${p.slug}-cli`, '--owner', owner], r.io)).toBe(0);
    expect(r.lines.join('\n')).toMatch(/4 annotations/);
    r = io();
    expect(await runCommand(['export', '--project', p.slug, '--format', 'odt', '--out', out], r.io)).toBe(1);
    expect(r.lines.join('\n')).toMatch(/format must be one of/);
  });
});
