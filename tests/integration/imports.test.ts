import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as uploadRoute from '@/app/api/imports/route';
import * as jobRoute from '@/app/api/imports/[id]/route';
import * as confirmRoute from '@/app/api/imports/[id]/confirm/route';
import { cancelImport, confirmImport, getImport, importsDir, startImport, waitForImport, type ImportJobDto } from '@/lib/data/imports';
import { exportProject, importProjectFile } from '@/lib/data/exports';
import { createApiToken } from '@/lib/data/tokens';
import { getDb } from '@/lib/db';
import { makeHonestZipBomb, makeLyingZipBomb, makeSmallQdpx } from '@/scripts/bench/import-fixtures';
import { expectAppError, makeProject, makeUser, uniq } from './helpers';

// Imports through the job pipeline the browser uses: upload (streamed to disk), a worker thread
// reads the file, the summary for review, confirmation, the worker writes it. And the refusals:
// hostile archives, oversized and chunked bodies, other people's imports.

const interopDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'interop');
const hasInterop = existsSync(path.join(interopDir, 'nvivo-win-oltas0517.qdpx'));
if (!hasInterop) console.log('[import tests] skipping the ../shared/interop files: ../shared is not beside the repository');

function bodyOf(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function settle(actor: Parameters<typeof getImport>[0], id: string): Promise<ImportJobDto> {
  return waitForImport(actor, id, ['ANALYSING', 'IMPORTING'], 60_000);
}

afterAll(() => {
  // Nothing an import leaves behind outlives it: uploads and readings are deleted when used.
  const left = existsSync(importsDir()) ? readdirSync(importsDir()).filter((f) => /\.(upload|plan|inline)$/.test(f)) : [];
  expect(left.filter((f) => !f.endsWith('.plan'))).toEqual([]);
});

describe('the import pipeline (upload, review, confirm) in a worker thread', () => {
  it.skipIf(!hasInterop)('reads NVivo’s file for review, then imports it as a new project on confirmation', async () => {
    const owner = await makeUser('importer');
    const bytes = readFileSync(path.join(interopDir, 'nvivo-win-oltas0517.qdpx'));
    const job = await startImport(owner.actor, { kind: 'qdpx', fileName: 'oltas0517.qdpx', body: bodyOf(bytes) });
    expect(job.status).toBe('ANALYSING');
    expect(job.size).toBe(bytes.length);
    const read = await settle(owner.actor, job.id);
    expect(read.status, read.error ?? '').toBe('READY');
    expect(read.summary?.origin).toBe('NVivo for Windows 12.6');
    expect(read.summary?.counts.passages).toBe(303);
    expect(read.summary?.checks[0]?.text).toMatch(/^300 of 303 coded passages verified/);
    // Nothing is stored before confirmation.
    expect(await getDb().project.count({ where: { memberships: { some: { userId: owner.id } } } })).toBe(0);

    const slug = `nvivo-${uniq()}`;
    await confirmImport(owner.actor, job.id, { slug, name: 'NVivo vaccination comments' });
    const done = await settle(owner.actor, job.id);
    expect(done.status, done.error ?? '').toBe('DONE');
    expect(done.resultSlug).toBe(slug);
    const project = await getDb().project.findUniqueOrThrow({ where: { slug }, select: { id: true, name: true, _count: { select: { annotations: true, documents: true } } } });
    expect(project).toMatchObject({ name: 'NVivo vaccination comments', _count: { annotations: 303, documents: 2 } });
    await expectAppError(confirmImport(owner.actor, job.id, {}), 'CONFLICT', /done/);
  });

  it('answers another user, and a removed member, that there is no such import', async () => {
    const owner = await makeUser('uploader');
    const other = await makeUser('other');
    const job = await startImport(owner.actor, { kind: 'qdpx', fileName: 'x.qdpx', body: bodyOf(makeSmallQdpx({ 'project.qde': '<Project xmlns="urn:QDA-XML:project:1.0" name="Tiny"/>' })) });
    await expectAppError(getImport(other.actor, job.id), 'NOT_FOUND');
    await expectAppError(confirmImport(other.actor, job.id, {}), 'NOT_FOUND');
    await expectAppError(cancelImport(other.actor, job.id), 'NOT_FOUND');
    await expectAppError(getImport(other.actor, 'not-a-uuid'), 'NOT_FOUND');
    // Over REST too, with the other user's token.
    const token = (await createApiToken(other.actor, { name: 't' })).token;
    const response = await jobRoute.GET(new Request(`http://localhost/api/imports/${job.id}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: job.id }) });
    expect(response.status).toBe(404);
    expect((await settle(owner.actor, job.id)).status).toBe('READY');
    await cancelImport(owner.actor, job.id);
    expect((await getImport(owner.actor, job.id)).status).toBe('CANCELLED');
  });

  it('refuses imports into a project from those who may not change it, before reading the body', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR' });
    const outsider = await makeUser('outsider');
    await expectAppError(startImport(p.members.ana!.actor, { kind: 'qdc', fileName: 'c.qdc', project: p.slug, body: bodyOf(new Uint8Array(10)) }), 'FORBIDDEN');
    await expectAppError(startImport(outsider.actor, { kind: 'annotations', fileName: 'a.json', project: p.slug, body: bodyOf(new Uint8Array(10)) }), 'NOT_FOUND');
    await expectAppError(startImport(p.owner.actor, { kind: 'annotations', fileName: 'a.json', body: bodyOf(new Uint8Array(10)) }), 'INVALID', /project is required/);
    await expectAppError(startImport(p.owner.actor, { kind: 'docx', fileName: 'a.docx', body: bodyOf(new Uint8Array(10)) }), 'INVALID', /kind must be one of/);
  });

  it('refuses a zip bomb whose entry lies about its size, having inflated almost nothing', async () => {
    const owner = await makeUser('bomb');
    const bomb = await makeLyingZipBomb({ declared: 1000, actual: 256 * 1024 * 1024 });
    const started = Date.now();
    const job = await startImport(owner.actor, { kind: 'qdpx', fileName: 'bomb.qdpx', body: bodyOf(bomb) });
    const read = await settle(owner.actor, job.id);
    expect(read.status).toBe('FAILED');
    expect(read.error).toMatch(/Sources\/big\.txt holds more data than it declares \(1000 bytes\)/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses an entry that honestly declares more than an import takes, before inflating it', async () => {
    const owner = await makeUser('big');
    const big = await makeHonestZipBomb(300 * 1024 * 1024);
    const job = await startImport(owner.actor, { kind: 'qdpx', fileName: 'big.qdpx', body: bodyOf(big) });
    const read = await settle(owner.actor, job.id);
    expect(read.status).toBe('FAILED');
    expect(read.error).toMatch(/Sources\/big\.txt is 300 MiB inflated; at most 128 MiB a file/);
  });

  it('names text the database cannot hold (a NUL in a source text) at review, and stores nothing', async () => {
    const owner = await makeUser('nul');
    const file = makeSmallQdpx({
      'project.qde': `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="Nul"><Sources><TextSource guid="0f1e2d3c-0000-4000-8000-00000000000a" name="Broken" plainTextPath="internal://a.txt"/></Sources></Project>`,
      'Sources/a.txt': 'one\u0000two',
    });
    await expectAppError(importProjectFile(owner.actor, { format: 'qdpx', bytes: file, slug: `nul-${uniq()}` }), 'INVALID', /article “Broken” \(text\): the text contains a NUL character \(U\+0000\) at position 3/);
    expect(await getDb().project.count({ where: { memberships: { some: { userId: owner.id } } } })).toBe(0);
  });

  it('cuts off an oversized body, with or without a declared length, and keeps nothing of it', async () => {
    const owner = await makeUser('huge');
    const before = existsSync(importsDir()) ? readdirSync(importsDir()).length : 0;
    await expectAppError(startImport(owner.actor, { kind: 'qdpx', fileName: 'x.qdpx', body: bodyOf(new Uint8Array(1)), declaredBytes: 300 * 1024 * 1024 }), 'PAYLOAD_TOO_LARGE', /over 200 MB/);
    // A chunked body that declares no length: read until it passes the limit, then refused.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 4 * 1024 * 1024;
        controller.enqueue(new Uint8Array(4 * 1024 * 1024));
      },
    });
    await expectAppError(startImport(owner.actor, { kind: 'qdpx', fileName: 'x.qdpx', body: endless }), 'PAYLOAD_TOO_LARGE', /over 200 MB/);
    expect(sent).toBeLessThanOrEqual(212 * 1024 * 1024);
    expect(existsSync(importsDir()) ? readdirSync(importsDir()).length : 0).toBe(before);
    await expectAppError(startImport(owner.actor, { kind: 'qdpx', fileName: 'x.qdpx', body: bodyOf(new Uint8Array(0)) }), 'BAD_REQUEST', /empty/);
  });

  it('works over REST: upload (202), follow, confirm; a cross-site cookie write is refused', async () => {
    const owner = await makeUser('rest');
    const token = (await createApiToken(owner.actor, { name: 't' })).token;
    const file = makeSmallQdpx({
      'project.qde': `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:codebook:0:4" name="Wrong namespace"/>`,
    });
    const auth = { authorization: `Bearer ${token}` };
    const up = await uploadRoute.POST(new Request('http://localhost/api/imports?kind=qdpx&fileName=w.qdpx', { method: 'POST', headers: auth, body: Buffer.from(file) }), { params: Promise.resolve({}) });
    expect(up.status).toBe(202);
    const job = (await up.json()) as ImportJobDto;
    const read = await settle(owner.actor, job.id);
    expect(read.status).toBe('FAILED');
    expect(read.error).toMatch(/has the namespace "urn:QDA-XML:codebook:0:4", but "urn:QDA-XML:project:1.0" was expected/);
    const confirm = await confirmRoute.POST(new Request(`http://localhost/api/imports/${job.id}/confirm`, { method: 'POST', headers: auth, body: '{}' }), { params: Promise.resolve({ id: job.id }) });
    expect(confirm.status).toBe(409);

    const forged = await uploadRoute.POST(
      new Request('http://localhost/api/imports?kind=qdpx&fileName=w.qdpx', { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'text/plain', host: 'localhost' }, body: Buffer.from(file) }),
      { params: Promise.resolve({}) },
    );
    expect(forged.status).toBe(403);
  });
});

describe('round trips through Parallax’s own formats', () => {
  it.skipIf(!hasInterop)('re-exports an imported NVivo project with NVivo’s GUIDs, and reads it back the same', async () => {
    const owner = await makeUser('roundtrip');
    const first = await importProjectFile(owner.actor, { format: 'qdpx', file: path.join(interopDir, 'nvivo-win-oltas0517.qdpx'), slug: `rt-${uniq()}` });
    const exported = await exportProject(owner.actor, first.slug, { format: 'qdpx' }, 'http://localhost');
    const xml = new TextDecoder().decode((await import('fflate')).unzipSync(exported.bytes)['project.qde']!);
    expect(xml).toContain('guid="68bbdc14-c361-4432-b4dd-ae1dbfc12890"');
    expect(xml).toContain('guid="7154a758-6873-4134-badd-ae1dc04d3086"');
    const second = await importProjectFile(owner.actor, { format: 'qdpx', bytes: exported.bytes, slug: `rt2-${uniq()}` });
    // The same counts, but for the metadata values: Parallax writes each article's title (NVivo's
    // source name) as a Title variable, so the second reading finds two it did not the first time.
    expect({ ...second.summary.counts, variables: 0 }).toEqual({ ...first.summary.counts, variables: 0 });
    const titles = async (slug: string) => (await getDb().document.findMany({ where: { project: { slug } }, select: { title: true }, orderBy: { title: 'asc' } })).map((d) => d.title);
    expect(await titles(second.slug)).toEqual(await titles(first.slug));
    const quotes = async (slug: string) =>
      (await getDb().annotation.findMany({ where: { project: { slug } }, select: { quote: true, start: true, end: true, externalId: true }, orderBy: [{ externalId: 'asc' }, { start: 'asc' }] })).map((a) => [a.externalId, a.start, a.end, a.quote]);
    expect(await quotes(second.slug)).toEqual(await quotes(first.slug));
  });
});

afterAll(() => rmSync(path.join(importsDir(), 'never'), { force: true }));
