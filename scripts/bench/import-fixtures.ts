// Files for the import benchmark and the import tests: a large generated REFI-QDA project, hostile
// archives (a zip bomb whose entry lies about its size, an entry that honestly declares a
// gigabyte), and a W3C export with tens of thousands of replies. Each is written to disk as it is
// made, so making them needs little memory.
import { createWriteStream } from 'node:fs';
import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib';
import { zipSync } from 'fflate';
import { toQdpx } from '@/lib/export/qdpx';
import { toW3C } from '@/lib/export/w3c';
import type { ExportAnnotation, ExportCategory, ExportComment, ExportDocument, ExportSnapshot, ExportUser } from '@/lib/export/types';
import { deriveGuid } from '@/lib/export/guid';
import { inferBlocks, sha256Hex } from '@/lib/export/snapshot';

/** A deterministic pseudo-random sequence (mulberry32), so every run makes the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const letters = 'abcdefghijklmnopqrstuvwxyzàéöüßçñ';

/** Text of made-up words (with an emoji now and then): it compresses about as badly as prose in many languages. */
function makeText(next: () => number, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  let sentence = 0;
  while (length < chars) {
    const wordLength = 2 + Math.floor(next() * 9);
    let word = '';
    for (let i = 0; i < wordLength; i++) word += letters[Math.floor(next() * letters.length)];
    if (sentence === 0) word = word[0]!.toUpperCase() + word.slice(1);
    sentence++;
    let piece = word;
    if (next() < 0.004) piece += ' 🙂';
    if (sentence > 8 + next() * 14) {
      piece += next() < 0.15 ? '.\n\n' : '. ';
      sentence = 0;
    } else piece += ' ';
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('');
}

export type GeneratedProject = { snapshot: ExportSnapshot; passages: number };

/** A synthetic project: `sources` texts of about `chars` characters, `passages` coded passages in all. */
export function makeLargeSnapshot(options: { sources: number; passages: number; chars: number; seed?: number }): GeneratedProject {
  const next = random(options.seed ?? 42);
  const stamp = '2026-11-30T12:00:00.000Z';
  const users: ExportUser[] = ['Ana', 'Ben', 'Cyd'].map((name, i) => ({ id: deriveGuid(`bench-user:${i}`), name }));
  const categories: ExportCategory[] = [];
  for (let i = 0; i < 8; i++) {
    const parent = { id: deriveGuid(`bench-cat:${i}`), parentId: null, name: `Factor ${i + 1}`, path: `Factor ${i + 1}`, description: `Generated factor ${i + 1}.`, color: '#4e79a7', position: i };
    categories.push(parent);
    for (let j = 0; j < 5; j++) {
      categories.push({ id: deriveGuid(`bench-cat:${i}:${j}`), parentId: parent.id, name: `Aspect ${i + 1}.${j + 1}`, path: `${parent.name} / Aspect ${i + 1}.${j + 1}`, description: '', color: '#f28e2b', position: j });
    }
  }
  const documents: ExportDocument[] = [];
  const annotations: ExportAnnotation[] = [];
  const comments: ExportComment[] = [];
  const perSource = Math.ceil(options.passages / options.sources);
  for (let s = 0; s < options.sources; s++) {
    const text = makeText(next, options.chars);
    const id = deriveGuid(`bench-doc:${s}`);
    documents.push({
      id, title: `Generated article ${s + 1}`, author: null, authorAffiliation: null, outlet: null, publishedOn: null, sourceUrl: null, sourceName: null,
      text, blocks: inferBlocks(text), contentHash: sha256Hex(text), createdAt: stamp,
    });
    for (let p = 0; p < perSource && annotations.length < options.passages; p++) {
      // Whole words: start after a space, end before one.
      let start = Math.floor(next() * (text.length - 400));
      while (start > 0 && text[start - 1] !== ' ') start--;
      let end = start + 20 + Math.floor(next() * 300);
      while (end < text.length && text[end] !== ' ') end++;
      const annotationId = deriveGuid(`bench-ann:${s}:${p}`);
      annotations.push({
        id: annotationId, documentId: id, layer: 'ANNOTATOR', annotatorId: users[p % users.length]!.id, categoryId: categories[Math.floor(next() * categories.length)]!.id,
        start, end, quote: text.slice(start, end), prefix: '', suffix: '', note: p % 10 === 0 ? `Generated note on passage ${p + 1}.` : '', attributes: {}, createdAt: stamp, updatedAt: stamp,
      });
      if (p % 25 === 0) comments.push({ id: deriveGuid(`bench-comment:${s}:${p}`), annotationId, authorId: users[(p + 1) % users.length]!.id, body: 'Generated reply.', createdAt: stamp, editedAt: null });
    }
  }
  return {
    snapshot: {
      exportedAt: stamp, baseUrl: 'http://localhost:3000', project: { id: deriveGuid('bench-project'), slug: 'generated', name: 'Generated project', description: '' },
      users, categories, attributes: [], documents, annotations, comments, memos: [],
    },
    passages: annotations.length,
  };
}

/** The generated project as .qdpx bytes. */
export function makeLargeQdpx(options: { sources: number; passages: number; chars: number; seed?: number }): Uint8Array {
  return toQdpx(makeLargeSnapshot(options).snapshot);
}

// ─── Hostile archives ──────────────────────────────────────────────────────────────────────

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}
function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

type RawEntry = { name: string; data: Buffer; crc: number; declaredSize: number; method: 0 | 8 };

/** A zip whose headers say what `entries` declare, whatever the data holds. */
function assembleZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const header = Buffer.concat([
      u32(0x04034b50), u16(20), u16(0x0800), u16(e.method), u16(0), u16(0x21), u32(e.crc), u32(e.data.length), u32(e.declaredSize), u16(name.length), u16(0), name,
    ]);
    locals.push(header, e.data);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50), u16(20), u16(20), u16(0x0800), u16(e.method), u16(0), u16(0x21), u32(e.crc), u32(e.data.length), u32(e.declaredSize),
        u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name,
      ]),
    );
    offset += header.length + e.data.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(central.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, central, end]);
}

const minimalQde = (sourceFile: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Hostile"><Sources><TextSource guid="${deriveGuid('hostile-source')}" name="big" plainTextPath="internal://${sourceFile}"/></Sources></Project>\n`,
  );

/** Deflates `bytes` zero bytes in 1 MiB steps (the output, about a thousandth of it, is kept). */
async function deflateZeros(bytes: number): Promise<{ data: Buffer; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  let crc = 0;
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', () => resolve());
    deflate.on('error', reject);
  });
  for (let written = 0; written < bytes; written += chunk.length) {
    const piece = written + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - written);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise<void>((resolve) => deflate.once('drain', () => resolve()));
  }
  deflate.end();
  await finished;
  return { data: Buffer.concat(out), crc };
}

/** A .qdpx whose source entry declares `declared` bytes and inflates to `actual` bytes of zeros. */
export async function makeLyingZipBomb(options: { declared: number; actual: number }): Promise<Buffer> {
  const qde = minimalQde('big.txt');
  const zeros = await deflateZeros(options.actual);
  return assembleZip([
    { name: 'project.qde', data: deflateRawSync(qde), crc: crc32(qde), declaredSize: qde.length, method: 8 },
    { name: 'Sources/big.txt', data: zeros.data, crc: zeros.crc, declaredSize: options.declared, method: 8 },
  ]);
}

/** A .qdpx whose source entry honestly declares and holds `size` bytes of zeros. */
export async function makeHonestZipBomb(size: number): Promise<Buffer> {
  const qde = minimalQde('big.txt');
  const zeros = await deflateZeros(size);
  return assembleZip([
    { name: 'project.qde', data: deflateRawSync(qde), crc: crc32(qde), declaredSize: qde.length, method: 8 },
    { name: 'Sources/big.txt', data: zeros.data, crc: zeros.crc, declaredSize: size, method: 8 },
  ]);
}

/** A Parallax W3C export of one article, a few passages, and `replies` comments on them. */
export function makeManyRepliesW3C(replies: number): Uint8Array {
  const { snapshot } = makeLargeSnapshot({ sources: 1, passages: 20, chars: 20_000, seed: 7 });
  const stamp = snapshot.exportedAt;
  snapshot.comments = Array.from({ length: replies }, (_, i) => ({
    id: deriveGuid(`bench-reply:${i}`),
    annotationId: snapshot.annotations[i % snapshot.annotations.length]!.id,
    authorId: snapshot.users[i % snapshot.users.length]!.id,
    body: `Reply ${i + 1}.`,
    createdAt: stamp,
    editedAt: null,
  }));
  return new TextEncoder().encode(JSON.stringify(toW3C(snapshot)));
}

/** Writes `bytes` to `file` (as a stream, so a big buffer is not copied again). */
export function writeFixture(file: string, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () => resolve());
  });
}

/** A small ordinary .qdpx made with fflate, for tests that need a file quickly. */
export function makeSmallQdpx(entries: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, new TextEncoder().encode(text)])));
}
