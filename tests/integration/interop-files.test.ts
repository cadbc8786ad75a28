import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject, importCodebookFile, importProjectFile } from '@/lib/data/exports';
import { getDb } from '@/lib/db';
import type { ImportSummary } from '@/lib/export/import-summary';
import { flattenCodes, guidKey, readQdaCodebook, readQdaProject, sliceCounted, type QdaProject } from '../support/refi-qda-reader';
import { makeProject, makeUser, uniq } from './helpers';

// A regression set of real REFI-QDA files, written by the tools themselves (provenance and licences:
// tests/fixtures/interop/README.md and ../shared/interop/README.md). Each file is imported through
// the data layer into a real database and checked against what an independent reader
// (tests/support/refi-qda-reader.ts, written from the standard, sharing no code with the importer)
// finds in it:
// - the counts of codes, sources and passages are the file's;
// - every stored passage's text is the text at the file's offsets, counted as the producing tool
//   counts them (NVivo: UTF-16 code units; QualCoder and Parallax: code points). For a tool whose
//   counting is not documented, the reading the importer decided (and says in its summary) is used,
//   and the summary's own verification (quotes and word boundaries) must account for every passage;
// - passages the importer brings in unplaced are counted and explained by the summary, never silent;
// - re-exported to .qdpx, the file is sound for the independent reader, and re-imported it gives the
//   same counts and the same (externalId, start, end, quote) rows.

const sharedDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'interop');
const fixturesDir = path.resolve(import.meta.dirname, '..', 'fixtures', 'interop');

/** The files ../shared/interop/README.md lists (and the two this test set added there), which may be absent. */
const sharedFiles = [
  'atlas-blank-atlas-project.qdpx',
  'maxqda-ICLS_Conf_Themes_ALL_just10.qdpx',
  'nvivo-win-oltas0517.qdpx',
  'atlas-23.4-requal-valid.qdc',
  'nvivo-mac-15-qc-project.qdpx',
  'qc-1.3.2-demo.qdpx',
];

type Case = { label: string; file: string | null };
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const fixtureFiles = existsSync(fixturesDir) ? readdirSync(fixturesDir).filter((f) => /\.(qdpx|qdc)$/i.test(f)).sort() : [];
const fixtureHashes = new Set(fixtureFiles.map((f) => sha256(path.join(fixturesDir, f))));
const cases: Case[] = [
  ...fixtureFiles.map((f) => ({ label: `tests/fixtures/interop/${f}`, file: path.join(fixturesDir, f) })),
  ...sharedFiles.flatMap((f): Case[] => {
    const file = path.join(sharedDir, f);
    if (!existsSync(file)) {
      console.log(`[interop tests] skipping ../shared/interop/${f}: it is not there (../shared is not beside the repository, or the file was removed)`);
      return [{ label: `../shared/interop/${f}`, file: null }];
    }
    // The same bytes copied into the fixtures are tested once, from there.
    return fixtureHashes.has(sha256(file)) ? [] : [{ label: `../shared/interop/${f}`, file }];
  }),
];

type Unit = 'codepoint' | 'utf16';
/** How the producing tool counts positions, where that is known (qdpx-positions.ts says why). */
function knownUnit(origin: string | null): Unit | null {
  if (origin === null) return null;
  if (/^nvivo\b/i.test(origin)) return 'utf16';
  if (/^(parallax|qualcoder)\b/i.test(origin)) return 'codepoint';
  return null;
}
/** The unit of a reading as the summary words it ("UTF-16 code units, …"). */
function unitOfReading(reading: string): Unit {
  if (/^UTF-16 code units/.test(reading)) return 'utf16';
  if (/^Unicode code points/.test(reading)) return 'codepoint';
  throw new Error(`a reading this test does not know how to slice: ${reading}`);
}

const hasText = (source: QdaProject['sources'][number]) => source.text.trim() !== '';

/** What the file holds, by the independent reader: the numbers the import must give. */
function expectedCounts(project: QdaProject) {
  const codeKeys = new Set(flattenCodes(project.codes).map((c) => guidKey(c.guid)));
  // A source whose text is empty (or only white space) has nothing to code; the importer lists it as not imported.
  const withText = project.sources.filter(hasText);
  // A passage is a selection coded with a code: one per distinct code of each selection's codings.
  const passages = withText.reduce(
    (n, s) => n + s.selections.reduce((m, sel) => m + new Set(sel.codings.map((c) => guidKey(c.codeGuid)).filter((k) => codeKeys.has(k))).size, 0),
    0,
  );
  return { codes: codeKeys.size, sources: withText.length, passages };
}

async function storedRows(slug: string) {
  const rows = await getDb().annotation.findMany({
    where: { project: { slug } },
    select: { externalId: true, start: true, end: true, quote: true, orphaned: true, category: { select: { name: true } }, document: { select: { text: true, externalId: true } } },
  });
  return rows;
}
const rowKey = (r: Awaited<ReturnType<typeof storedRows>>[number]) => [r.externalId, r.start, r.end, r.quote, r.category.name] as const;
const sortedKeys = (rows: Awaited<ReturnType<typeof storedRows>>) => rows.map(rowKey).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function projectCounts(slug: string) {
  const db = getDb();
  const where = { project: { slug } };
  return {
    categories: await db.category.count({ where }),
    attributes: await db.attributeDefinition.count({ where }),
    documents: await db.document.count({ where }),
    annotations: await db.annotation.count({ where }),
    orphaned: await db.annotation.count({ where: { ...where, orphaned: true } }),
  };
}

/** The summary must account for every unplaced passage: counted per source, listed with a reason, named in the check. */
function expectUnplacedExplained(summary: ImportSummary, orphaned: number) {
  const flagged = summary.positions.reduce((n, p) => n + p.flagged, 0);
  expect(flagged, 'passages stored unplaced = passages the summary flags').toBe(orphaned);
  expect(summary.flagged.length).toBe(Math.min(orphaned, 300));
  for (const f of summary.flagged) expect(f.reason.trim(), `the reason ${f.passage} is unplaced`).not.toBe('');
  if (orphaned > 0) expect(summary.checks[0]?.text).toMatch(new RegExp(`${orphaned.toLocaleString('en')} come in unplaced`));
}

describe('real REFI-QDA files from other tools', () => {
  for (const c of cases.filter((x) => /\.qdpx$/i.test(x.label))) {
    describe(c.label, () => {
      const file = c.file;
      it.skipIf(file === null)('imports with the file’s counts, every passage’s text at its offsets as its tool counts them, unplaced passages explained; re-exported and re-imported it is the same', async () => {
        const bytes = readFileSync(file!);
        const independent = readQdaProject(bytes, { loosePaths: true });
        const expected = expectedCounts(independent);
        const owner = await makeUser('interop');
        const first = await importProjectFile(owner.actor, { format: 'qdpx', bytes, slug: `interop-${uniq()}` });
        const { summary } = first;
        expect(summary.origin).toBe(independent.origin);

        // Counts: codes (a category each, or an attribute's codes), sources, passages.
        const counts = await projectCounts(first.slug);
        const attributeCodes = (await getDb().attributeDefinition.findMany({ where: { project: { slug: first.slug } }, select: { _count: { select: { options: true } } } })).reduce((n, a) => n + 1 + a._count.options, 0);
        expect(counts.categories + attributeCodes, 'codes').toBe(expected.codes);
        expect(counts.documents, 'sources').toBe(expected.sources);
        expect(counts.annotations, 'passages').toBe(expected.passages);
        expect(summary.counts).toMatchObject({ sources: expected.sources, passages: expected.passages });

        // Every passage's text, by the independent reader, under the producing tool's counting.
        const sources = new Map(independent.sources.map((s) => [guidKey(s.guid), s]));
        const selections = new Map(independent.sources.flatMap((s) => s.selections.map((sel) => [guidKey(sel.guid), { source: s, selection: sel }] as const)));
        const known = knownUnit(independent.origin);
        const rows = await storedRows(first.slug);
        // The summary's positions are per source read, in file order (these files have no PDFs).
        const withText = independent.sources.filter(hasText);
        const blank = independent.sources.length - withText.length;
        if (blank > 0) expect(summary.notImported.find((n) => n.what === 'sources with no text')?.count).toBe(blank);
        expect(summary.positions).toHaveLength(withText.length);
        const positionOf = new Map(withText.map((s, i) => [guidKey(s.guid), summary.positions[i]!]));
        for (const position of summary.positions.filter((p) => p.passages > 0)) {
          if (known !== null) expect(unitOfReading(position.reading), `${position.source}: the importer's reading agrees with ${independent.origin}'s counting`).toBe(known);
        }
        // The summary's verification accounts for every coded selection: verified (its quote, or
        // word boundaries at both ends), loose (an end inside a word, placed as the file says), or
        // unplaced. For a tool whose counting is not documented this is the evidence the reading holds.
        const codedSelections = withText.reduce((n, s) => n + s.selections.filter((sel) => sel.codings.length > 0).length, 0);
        if (codedSelections > 0) {
          const check = /^([\d,]+) of ([\d,]+) coded passages? verified[^;]*(?:; ([\d,]+) more start or end inside a word[^;]*)?(?:; ([\d,]+) come in unplaced)?/.exec(summary.checks[0]?.text ?? '');
          expect(check, summary.checks[0]?.text).not.toBeNull();
          const [verified, total, loose, unplaced] = [check![1], check![2], check![3], check![4]].map((n) => Number((n ?? '0').replaceAll(',', '')));
          expect(total).toBe(codedSelections);
          expect(verified! + loose! + unplaced!).toBe(total);
          if (known === null) expect(verified, 'most passages of a tool with undocumented counting are verified').toBeGreaterThanOrEqual(total! * 0.9);
        }
        let checked = 0;
        for (const row of rows) {
          const found = selections.get(guidKey(row.externalId ?? ''));
          expect(found, `the stored passage ${row.externalId} is a selection of the file`).toBeDefined();
          const { source, selection } = found!;
          expect(sources.get(guidKey(source.guid))).toBeDefined();
          if (row.orphaned) continue;
          const position = positionOf.get(guidKey(source.guid))!;
          const unit = known ?? unitOfReading(position.reading);
          // The file's text keeps its CRLF; Parallax stores LF. A tool that counted CRLF as one
          // character is sliced from the LF text, otherwise from the file's.
          const crlfAsOne = / CRLF as one/.test(position.reading);
          const bomCounted = /byte-order mark counted/.test(position.reading);
          const text = crlfAsOne ? source.text.replace(/\r\n?/g, '\n') : source.text;
          const shift = bomCounted ? 1 : 0;
          const slice = sliceCounted(text, selection.start - shift, selection.end - shift, unit);
          expect(slice, `selection ${selection.guid} ${selection.start}-${selection.end} is within its text`).not.toBeNull();
          expect(row.quote, `selection ${selection.guid}`).toBe(slice!.replace(/\r\n?/g, '\n'));
          expect(row.document.text.slice(row.start, row.end)).toBe(row.quote);
          checked++;
        }
        expect(checked + counts.orphaned).toBe(rows.length);

        // Unplaced passages are counted and explained.
        expectUnplacedExplained(summary, counts.orphaned);

        // Re-export, read it independently, re-import: the same.
        const exported = await exportProject(owner.actor, first.slug, { format: 'qdpx' }, 'http://localhost');
        const again = readQdaProject(exported.bytes);
        expect(again.problems, 'the re-export is a sound REFI-QDA file').toEqual([]);
        expect(expectedCounts(again)).toEqual(expected);
        const second = await importProjectFile(owner.actor, { format: 'qdpx', bytes: exported.bytes, slug: `interop-${uniq()}` });
        // Two counts of the summary differ by design, and are checked for what they stand for:
        // people (an export carries the people with work in it and the one who exported, not every
        // user the other tool listed) and metadata values (a title that came from a source's name
        // travels as Parallax's Title variable the second time).
        const { people: _p1, variables: _v1, ...firstCounts } = summary.counts;
        const { people: _p2, variables: _v2, ...secondCounts } = second.summary.counts;
        expect(secondCounts).toEqual(firstCounts);
        expect(second.summary.coders).toEqual(summary.coders);
        const metadata = async (slug: string) =>
          (await getDb().document.findMany({ where: { project: { slug } }, select: { title: true, author: true, outlet: true, publishedOn: true, sourceUrl: true, text: true, externalId: true } })).sort((a, b) => (a.externalId ?? '').localeCompare(b.externalId ?? ''));
        expect(await metadata(second.slug)).toEqual(await metadata(first.slug));
        expect(await projectCounts(second.slug)).toEqual(counts);
        expect(sortedKeys(await storedRows(second.slug))).toEqual(sortedKeys(rows));
      });
    });
  }

  for (const c of cases.filter((x) => /\.qdc$/i.test(x.label))) {
    describe(c.label, () => {
      const file = c.file;
      it.skipIf(file === null)('loads into a codebook with the file’s codes and sets; exported and loaded again it is the same', async () => {
        const bytes = readFileSync(file!);
        const independent = readQdaCodebook(new TextDecoder().decode(bytes));
        const codes = flattenCodes(independent.codes);
        const p = await makeProject();
        const loaded = await importCodebookFile(p.owner.actor, p.slug, bytes);
        expect(loaded).toMatchObject({ added: codes.length, existing: 0, groupsAdded: independent.sets.length });
        const db = getDb();
        const categories = async (slug: string) =>
          (await db.category.findMany({ where: { project: { slug } }, select: { name: true, description: true, color: true } })).map((c) => [c.name, c.description, c.color?.toLowerCase() ?? null]).sort();
        expect(await categories(p.slug)).toEqual(codes.map((c) => [c.name, c.description ?? '', c.color?.toLowerCase() ?? null]).sort());
        const groups = async (slug: string) =>
          (await db.categoryGroup.findMany({ where: { project: { slug } }, select: { name: true, description: true, members: { select: { category: { select: { name: true } } } } } })).map((g) => [g.name, g.description, g.members.map((m) => m.category.name).sort()]);
        const codeName = new Map(codes.map((c) => [guidKey(c.guid), c.name]));
        expect(await groups(p.slug)).toEqual(independent.sets.map((s) => [s.name, s.description ?? '', s.memberCodes.map((m) => codeName.get(guidKey(m))).sort()]));

        const exported = await exportProject(p.owner.actor, p.slug, { format: 'qdc' }, 'http://localhost');
        const q = await makeProject();
        await importCodebookFile(q.owner.actor, q.slug, exported.bytes);
        expect(await categories(q.slug)).toEqual(await categories(p.slug));
      });
    });
  }
});
