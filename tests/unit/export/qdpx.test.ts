import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '@/lib/export/errors';
import { deriveGuid } from '@/lib/export/guid';
import { codingNoteGuid } from '@/lib/export/qdpx-shared';
import { toQdpx } from '@/lib/export/qdpx';
import { fromQdpx, readQdpx } from '@/lib/export/qdpx-import';
import type { ExportSnapshot } from '@/lib/export/types';
import { parseUnplacedNote } from '@/lib/export/qdpx-unplaced';
import { annotationIds, cloneFixture, extraAnnotationIds, fixture, ids, orphanCommentId, richFixture, selectionIds } from './fixture';
import { hasRefiReference, hasXmllint, noteSkipped, refiDir, validateWithXmllint } from './reference';

const tempDir = mkdtempSync(path.join(tmpdir(), 'parallax-qdpx-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function unpack(bytes: Uint8Array): { qde: string; files: Record<string, Uint8Array> } {
  const files = unzipSync(bytes);
  return { qde: strFromU8(files['project.qde']!), files };
}

function repack(files: Record<string, Uint8Array>, qde?: string): Uint8Array {
  return zipSync({ ...files, ...(qde === undefined ? {} : { 'project.qde': strToU8(qde) }) });
}

type El = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => ['User', 'Code', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue', 'Note', 'Variable'].includes(name) });
const parseQde = (qde: string) => (parser.parse(qde) as { Project: El }).Project;

async function expectImportError(run: () => unknown, message: string | RegExp) {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ImportError);
  expect((thrown as Error).message).toMatch(message);
}

/** The snapshot fromQdpx should give: QDPX carries no project id and no baseUrl. */
function expectedAfterImport(snapshot: ExportSnapshot): ExportSnapshot {
  return { ...snapshot, baseUrl: '', project: { ...snapshot.project, id: '' } };
}

/** The snapshot without the REFI-QDA identities the reader adds (checked on their own below). */
function withoutQdaIdentities(snapshot: ExportSnapshot): ExportSnapshot {
  return { ...snapshot, annotations: snapshot.annotations.map(({ selectionId: _s, codingId: _c, ...a }) => a) };
}

describe('toQdpx', () => {
  const bytes = toQdpx(fixture);
  const { qde, files } = unpack(bytes);
  const project = parseQde(qde);

  it('is a zip holding project.qde and one UTF-8 text per document', () => {
    // The standard's own examples spell the folder "Sources".
    expect(Object.keys(files).sort()).toEqual([`Sources/${ids.doc1}.txt`, `Sources/${ids.doc2}.txt`, 'project.qde']);
    for (const document of fixture.documents) {
      expect(new TextDecoder('utf-8', { fatal: true }).decode(files[`Sources/${document.id}.txt`])).toBe(document.text);
    }
    expect(qde.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"')).toBe(true);
  });

  it('describes the project: name, origin, creation time and exporting user', () => {
    expect(project).toMatchObject({
      name: fixture.project.name,
      origin: 'Parallax',
      creationDateTime: fixture.exportedAt,
      creatingUserGUID: ids.chen,
      Description: fixture.project.description,
    });
    expect(project.NoteRef).toEqual([{ targetGUID: fixture.memos[1]!.id }]);
  });

  it('lists the users, plus a consensus user for the curator', () => {
    const users = (project.Users as { User: El[] }).User;
    expect(users).toEqual([
      { guid: ids.ana, name: 'Ana Ahmed', id: 'ana@parallax.example' },
      { guid: ids.bilal, name: 'Bilal Khan', id: 'bilal@parallax.example' },
      { guid: ids.chen, name: 'Chen Li' },
      { guid: deriveGuid(`consensus-user:${ids.chen}`), name: 'Consensus (curated by Chen Li)' },
    ]);
  });

  it('nests the codes and turns the attribute into a non-codable code with its options', () => {
    const codes = ((project.CodeBook as El).Codes as { Code: El[] }).Code;
    expect(codes.map((c) => [c.name, c.isCodable, c.color ?? null])).toEqual([
      ['Trust deficit and history', 'true', '#e15759'],
      ['Security', 'true', '#4e79a7'],
      ['Trade, transit and border economics', 'true', '#b07aa1'],
      ['Attribute: Blame target', 'false', null],
    ]);
    expect((codes[1]!.Code as El[]).map((c) => c.guid)).toEqual([ids.sanctuary]);
    expect((codes[3]!.Code as El[]).map((c) => [c.guid, c.name])).toEqual([
      [ids.optTaliban, 'Afghan Taliban'],
      [ids.optPakistan, 'Pakistan'],
      [ids.optBoth, 'Both sides'],
    ]);
  });

  it('counts positions in characters (code points), so the emoji counts once', () => {
    const sources = (project.Sources as { TextSource: El[] }).TextSource;
    const selections = sources[0]!.PlainTextSelection as El[];
    const a4 = fixture.annotations.find((a) => a.id === annotationIds.a4)!;
    const selection = selections.find((s) => s.guid === a4.id)!;
    expect([Number(selection.startPosition), Number(selection.endPosition)]).toEqual([a4.start - 1, a4.end - 1]);
    const characters = [...fixture.documents[0]!.text];
    expect(characters.slice(Number(selection.startPosition), Number(selection.endPosition)).join('')).toBe(a4.quote);
    const a1 = selections.find((s) => s.guid === annotationIds.a1)!;
    expect(Number(a1.startPosition)).toBe(fixture.annotations[0]!.start);
  });

  it('codes each selection with its category and attribute option, by its annotator or the consensus user', () => {
    const selections = (project.Sources as { TextSource: El[] }).TextSource.flatMap((s) => (s.PlainTextSelection as El[] | undefined) ?? []);
    expect(selections).toHaveLength(fixture.annotations.length);
    const a5 = selections.find((s) => s.guid === annotationIds.a5)!;
    expect(a5.creatingUser).toBe(deriveGuid(`consensus-user:${ids.chen}`));
    expect((a5.Coding as El[]).map((c) => (c.CodeRef as El).targetGUID)).toEqual([ids.sanctuary, ids.optTaliban]);
    const a1 = selections.find((s) => s.guid === annotationIds.a1)!;
    expect(a1.creatingUser).toBe(ids.ana);
    expect((a1.NoteRef as El[]).map((n) => n.targetGUID)).toEqual([
      deriveGuid(`annotation-note:${annotationIds.a1}`),
      fixture.comments[0]!.id,
      fixture.comments[1]!.id,
    ]);
  });

  it('stores document metadata as variable values and keeps null metadata out', () => {
    const sources = (project.Sources as { TextSource: El[] }).TextSource;
    const names = new Map(((project.Variables as El).Variable as El[]).map((v) => [v.guid, v.name]));
    const values = (source: El) => Object.fromEntries(((source.VariableValue as El[]) ?? []).map((v) => [names.get((v.VariableRef as El).targetGUID), v.TextValue ?? v.DateValue]));
    expect(values(sources[0]!)).toMatchObject({ Title: 'Talks in Istanbul end without a deal', Author: 'Sana Qureshi', 'Published on': '2025-10-31', Outlet: 'The Frontier Post' });
    expect(values(sources[1]!)).not.toHaveProperty('Author');
    expect(values(sources[1]!)).toHaveProperty('Content SHA-256', fixture.documents[1]!.contentHash);
    expect(sources[0]!.plainTextPath).toBe(`internal://${ids.doc1}.txt`);
  });

  it('keeps notes, comments and memos as notes, with carriage returns and markup escaped', async () => {
    const notes = ((project.Notes as El).Note as El[]).map((n) => n.PlainTextContent);
    expect(notes).toContain(fixture.annotations[2]!.note);
    expect(notes).toContain(fixture.comments[1]!.body);
    expect(notes).toContain(fixture.memos[0]!.body);
    const withCr = cloneFixture();
    withCr.memos[0]!.body = 'line one\r\nline two <b> & "three"';
    const back = await fromQdpx(toQdpx(withCr));
    expect(back.memos[0]!.body).toBe('line one\r\nline two <b> & "three"');
  });

  it("writes each annotation's note as its selection's Description too, before the codings as the XSD orders them", () => {
    const selections = (project.Sources as { TextSource: El[] }).TextSource.flatMap((s) => (s.PlainTextSelection as El[] | undefined) ?? []);
    for (const a of fixture.annotations) {
      const selection = selections.find((s) => s.guid === a.id)!;
      if (a.note === '') expect(selection).not.toHaveProperty('Description');
      else expect(selection.Description).toBe(a.note);
    }
    const a3 = qde.slice(qde.indexOf(`<PlainTextSelection guid="${annotationIds.a3}"`));
    expect(a3.indexOf('<Description>')).toBeLessThan(a3.indexOf('<Coding '));
  });

  it("puts a document memo among its source's NoteRefs and the project memo among the project's", () => {
    const sources = (project.Sources as { TextSource: El[] }).TextSource;
    expect((sources[0]!.NoteRef as El[]).map((n) => n.targetGUID)).toEqual([fixture.memos[0]!.id]);
    expect(sources[1]).not.toHaveProperty('NoteRef');
    expect(project.NoteRef).toEqual([{ targetGUID: fixture.memos[1]!.id }]);
  });

  describe('with a multi-coded selection and unplaced passages', () => {
    const rich = richFixture();
    const richQde = unpack(toQdpx(rich)).qde;
    const richProject = parseQde(richQde);
    const richSources = (richProject.Sources as { TextSource: El[] }).TextSource;
    const richSelections = richSources.flatMap((s) => (s.PlainTextSelection as El[] | undefined) ?? []);
    const richNotes = (richProject.Notes as { Note: El[] }).Note;
    const X = extraAnnotationIds;

    it('writes annotations sharing a selectionId and span as one selection, one Coding each holding its note, the notes joined in the Description', () => {
      const shared = richSelections.filter((s) => s.guid === selectionIds.shared);
      expect(shared).toHaveLength(1);
      const selection = shared[0]!;
      expect(richSelections.some((s) => s.guid === X.multiSecurity || s.guid === X.multiTrade)).toBe(false);
      expect(selection.creatingUser).toBe(ids.bilal);
      expect(selection.creationDateTime).toBe('2025-11-02T13:00:00.000Z');
      expect(selection.modifiedDateTime).toBe('2025-11-02T13:30:00.000Z');
      // The category coding keeps its codingId, the attribute coding follows it, then the second annotation's coding.
      expect((selection.Coding as El[]).map((c) => [c.guid, (c.CodeRef as El).targetGUID])).toEqual([
        [selectionIds.codingSecurity, ids.security],
        [deriveGuid(`coding:${X.multiSecurity}:${ids.optPakistan}`), ids.optPakistan],
        [deriveGuid(`coding:${X.multiTrade}:${ids.trade}`), ids.trade],
      ]);
      // The Description joins the notes for tools that read only it; each note is referenced from its own Coding.
      expect(selection.Description).toBe('The stated reason.\n\nBut the cost falls on trade.\nSee the next paragraph.');
      expect(selection).not.toHaveProperty('NoteRef');
      const tradeCoding = deriveGuid(`coding:${X.multiTrade}:${ids.trade}`);
      expect((selection.Coding as El[]).map((c) => ((c.NoteRef as El[] | undefined) ?? []).map((n) => n.targetGUID))).toEqual([[codingNoteGuid(selectionIds.codingSecurity)], [], [codingNoteGuid(tradeCoding)]]);
      for (const [id, coding] of [[X.multiSecurity, selectionIds.codingSecurity], [X.multiTrade, tradeCoding]] as const) {
        const note = richNotes.find((n) => n.guid === codingNoteGuid(coding))!;
        expect(note.PlainTextContent).toBe(rich.annotations.find((a) => a.id === id)!.note);
      }
    });

    it('gives an annotation whose selectionId is taken by another span its own selection', () => {
      const own = richSelections.find((s) => s.guid === X.otherSpan)!;
      expect((own.Coding as El[]).map((c) => (c.CodeRef as El).targetGUID)).toEqual([ids.trust]);
    });

    it('writes unplaced passages as notes on their source, never as selections', () => {
      expect(richSelections.some((s) => s.guid === X.orphan || s.guid === X.orphanConsensus || s.guid === selectionIds.orphanSelection)).toBe(false);
      expect((richSources[0]!.NoteRef as El[]).map((n) => n.targetGUID)).toEqual([rich.memos[0]!.id, X.orphan]);
      expect((richSources[1]!.NoteRef as El[]).map((n) => n.targetGUID)).toEqual([X.orphanConsensus]);
      const note = richNotes.find((n) => n.guid === X.orphan)!;
      expect(note.name).toBe('Unplaced passage: “Zabiullah Mujahid 🚫 said the "guests" would stay”');
      expect(note.creatingUser).toBe(ids.ana);
      expect((note.NoteRef as El[]).map((n) => n.targetGUID)).toEqual([orphanCommentId]);
      const body = String(note.PlainTextContent);
      expect(body).toContain('Category: Security / TTP sanctuary');
      expect(body).toContain('Last known text: “Zabiullah Mujahid 🚫 said the "guests" would stay”');
      const orphan = rich.annotations.find((a) => a.id === X.orphan)!;
      expect(parseUnplacedNote(body)).toEqual({
        categoryId: ids.sanctuary,
        layer: 'annotator',
        annotatorId: ids.ana,
        attributes: { 'blame-target': 'afghan-taliban' },
        quote: orphan.quote,
        note: orphan.note,
        prefix: orphan.prefix,
        suffix: orphan.suffix,
        start: orphan.start,
        end: orphan.end,
        createdAt: orphan.createdAt,
        updatedAt: orphan.updatedAt,
        selectionId: selectionIds.orphanSelection,
      });
      const consensus = richNotes.find((n) => n.guid === X.orphanConsensus)!;
      expect(consensus.creatingUser).toBe(deriveGuid(`consensus-user:${ids.chen}`));
      expect(parseUnplacedNote(String(consensus.PlainTextContent))).toMatchObject({ layer: 'consensus', annotatorId: ids.chen, categoryId: ids.trade, note: '' });
      // Its note lives in the unplaced note, not as a separate annotation note.
      expect(richNotes.some((n) => n.guid === deriveGuid(`annotation-note:${X.orphan}`))).toBe(false);
    });

    it.skipIf(!hasRefiReference || !hasXmllint)('still validates against Project-mrt2019.xsd', () => {
      const file = path.join(tempDir, 'rich.qde');
      writeFileSync(file, richQde);
      const result = validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd'));
      expect(result.output).toMatch(/validates$/);
      expect(result.ok).toBe(true);
    });
  });

  it('is byte-for-byte deterministic', () => {
    expect(toQdpx(fixture)).toEqual(bytes);
  });

  describe.skipIf(!hasRefiReference || !hasXmllint)('against the REFI-QDA XSD (xmllint)', () => {
    it('project.qde validates against Project-mrt2019.xsd', () => {
      const file = path.join(tempDir, 'project.qde');
      writeFileSync(file, qde);
      const result = validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd'));
      expect(result.output).toMatch(/validates$/);
      expect(result.ok).toBe(true);
    });

    it('so does an export with awkward content: control characters, no codebook, no users', () => {
      const odd = cloneFixture();
      odd.project.name = 'Tab\there\u0001 and a bell \u0007';
      odd.project.description = '';
      odd.memos = [];
      const file = path.join(tempDir, 'odd.qde');
      writeFileSync(file, unpack(toQdpx(odd)).qde);
      expect(validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd')).ok).toBe(true);
      const bare: ExportSnapshot = { ...cloneFixture(), users: [], categories: [], attributes: [], annotations: [], comments: [], memos: [] };
      delete bare.exportedBy;
      writeFileSync(file, unpack(toQdpx(bare)).qde);
      expect(validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd')).ok).toBe(true);
    });

    it('the validator does reject a broken project (so the check above means something)', () => {
      const file = path.join(tempDir, 'broken.qde');
      writeFileSync(file, qde.replace('isCodable="true"', ''));
      expect(validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd')).ok).toBe(false);
    });
  });
});

if (!hasRefiReference) noteSkipped('the REFI-QDA XSD checks', `${refiDir} is not there (it is on CI, beside the repository)`);
else if (!hasXmllint) noteSkipped('the REFI-QDA XSD checks', 'xmllint is not installed (Debian: apt-get install libxml2-utils)');

describe('fromQdpx', () => {
  const bytes = toQdpx(fixture);

  it('reads an export back without loss (but for the project id and baseUrl, which QDPX does not carry)', async () => {
    const back = await fromQdpx(bytes);
    expect(withoutQdaIdentities(back)).toEqual({ ...expectedAfterImport(fixture), documentGroups: [], categoryGroups: [] });
    // Each annotation keeps the GUIDs of its selection and its coding, so a re-export writes them again.
    for (const a of back.annotations) {
      expect(a.selectionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.codingId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('round-trips: export, import, export gives the same file', async () => {
    const again = toQdpx(await fromQdpx(bytes));
    const first = unpack(bytes);
    const second = unpack(again);
    expect(second.qde).toBe(first.qde);
    expect(Object.keys(second.files).sort()).toEqual(Object.keys(first.files).sort());
    for (const name of Object.keys(first.files)) expect(second.files[name]).toEqual(first.files[name]);
    expect(again).toEqual(bytes);
  });

  it('converts positions back to UTF-16 around the emoji', async () => {
    const back = await fromQdpx(bytes);
    for (const a of back.annotations) expect(back.documents.find((d) => d.id === a.documentId)!.text.slice(a.start, a.end)).toBe(a.quote);
    expect(withoutQdaIdentities(back).annotations.find((a) => a.id === annotationIds.a4)).toEqual(fixture.annotations.find((a) => a.id === annotationIds.a4));
  });

  const { qde, files } = unpack(bytes);

  it('refuses a file that is not a zip', async () => {
    await expectImportError(() => fromQdpx(strToU8('<Project/>')), /not a readable zip archive/);
  });

  it('refuses a zip without project.qde', async () => {
    await expectImportError(() => fromQdpx(zipSync({ 'readme.txt': strToU8('hello') })), /no project\.qde/);
  });

  it('refuses XML that is not well-formed, naming the line', async () => {
    await expectImportError(() => fromQdpx(repack(files, qde.replace('</Users>', '</Userz>'))), /^project\.qde is not well-formed XML \(line \d+, column \d+\)/);
  });

  it('refuses a wrong root element or namespace', async () => {
    await expectImportError(() => fromQdpx(repack(files, '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')), /root element <CodeBook>, but a Project was expected/);
    await expectImportError(
      () => fromQdpx(repack(files, qde.replace('xmlns="urn:QDA-XML:project:1.0"', 'xmlns="urn:example:other"'))),
      /has the namespace "urn:example:other", but "urn:QDA-XML:project:1.0" was expected/,
    );
  });

  it('reads a project.qde without a namespace, as some tools write it', async () => {
    const back = await fromQdpx(repack(files, qde.replace(' xmlns="urn:QDA-XML:project:1.0"', '')));
    expect(back.annotations).toHaveLength(fixture.annotations.length);
  });

  it('refuses a DOCTYPE', async () => {
    await expectImportError(() => fromQdpx(repack(files, qde.replace('<Project ', '<!DOCTYPE Project [<!ENTITY a "b">]>\n<Project '))), /DOCTYPE/);
  });

  it('brings a selection past the end of its source in unplaced, and says so', async () => {
    const broken = qde.replace('startPosition="519" endPosition="585"', 'startPosition="519" endPosition="5850"');
    expect(broken).not.toBe(qde);
    const { snapshot, summary } = await readQdpx(repack(files, broken));
    expect(snapshot.annotations).toHaveLength(fixture.annotations.length);
    const unplaced = snapshot.annotations.filter((a) => a.orphaned);
    expect(unplaced.map((a) => a.quote)).toEqual([fixture.annotations.find((a) => a.start === 520)!.quote]);
    expect(summary.flagged).toEqual([expect.objectContaining({ reason: expect.stringMatching(/positions 519–5850 are outside its text/) })]);
  });

  it('refuses a CodeRef to a code that is not in the codebook', async () => {
    const broken = qde.replace(`<CodeRef targetGUID="${ids.trust}"/>`, '<CodeRef targetGUID="99999999-0000-4000-8000-000000000000"/>');
    expect(broken).not.toBe(qde);
    await expectImportError(() => fromQdpx(repack(files, broken)), /is coded with the code 99999999-0000-4000-8000-000000000000, which is not in the codebook/);
  });

  it('leaves out a source whose text is missing, keeps an unlisted coder, and refuses a missing required attribute', async () => {
    const withoutText = { ...files };
    delete withoutText[`Sources/${ids.doc2}.txt`];
    // The other source and its passages still come in; the summary says what did not, and why.
    const { snapshot, summary } = await readQdpx(repack(withoutText));
    expect(snapshot.documents.map((d) => d.id)).toEqual([ids.doc1]);
    expect(summary.notImported).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'sources', count: 1, reason: expect.stringContaining(`${ids.doc2}.txt is missing from the archive`) }),
        expect.objectContaining({ what: 'passages', count: fixture.annotations.filter((a) => a.documentId === ids.doc2).length }),
      ]),
    );
    // A coder the file does not list still codes: the passages come in under a named stand-in.
    const withoutBilal = await fromQdpx(repack(files, qde.replace(`<User guid="${ids.bilal}" name="Bilal Khan" id="bilal@parallax.example"/>`, '')));
    expect(withoutBilal.users).toContainEqual({ id: ids.bilal, name: `Unknown coder (${ids.bilal})` });
    expect(withoutBilal.annotations.filter((a) => a.annotatorId === ids.bilal)).toHaveLength(fixture.annotations.filter((a) => a.annotatorId === ids.bilal).length);
    await expectImportError(() => fromQdpx(repack(files, qde.replace(/ startPosition="117"/, ''))), /PlainTextSelection 1 › startPosition is missing/);
  });

  it('reads a project from another tool: braced upper-case GUIDs, inline text, codes without colour, no Parallax variables', async () => {
    const foreign = `<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Interviews" origin="Other QDA" creationDateTime="2024-05-01T10:00:00Z">
  <qda:Users><qda:User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Rita"/></qda:Users>
  <qda:CodeBook><qda:Codes>
    <qda:Code guid="{BBBBBBBB-0000-4000-8000-000000000001}" name="Fear" isCodable="true"/>
    <qda:Code guid="{BBBBBBBB-0000-4000-8000-000000000002}" name="Hope" isCodable="1" color="#0a0"/>
  </qda:Codes></qda:CodeBook>
  <qda:Sources>
    <qda:TextSource guid="{CCCCCCCC-0000-4000-8000-000000000001}" name="Interview 1">
      <qda:PlainTextContent>I was afraid 😟.
Then hopeful.</qda:PlainTextContent>
      <qda:PlainTextSelection guid="{DDDDDDDD-0000-4000-8000-000000000001}" startPosition="16" endPosition="29" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
        <qda:Coding guid="{EEEEEEEE-0000-4000-8000-000000000001}"><qda:CodeRef targetGUID="{BBBBBBBB-0000-4000-8000-000000000002}"/></qda:Coding>
      </qda:PlainTextSelection>
      <qda:PlainTextSelection guid="{DDDDDDDD-0000-4000-8000-000000000002}" startPosition="0" endPosition="4"/>
    </qda:TextSource>
  </qda:Sources>
</qda:Project>`;
    const snapshot = await fromQdpx(zipSync({ 'project.qde': strToU8(foreign) }));
    // GUIDs keep the file's spelling, so a re-export gives the other tool back its own identities.
    expect(snapshot.users).toEqual([{ id: '{AAAAAAAA-0000-4000-8000-000000000001}', name: 'Rita' }]);
    expect(snapshot.categories.map((c) => [c.name, c.color])).toEqual([
      ['Fear', '#4e79a7'],
      ['Hope', '#00aa00'],
    ]);
    expect(snapshot.documents[0]).toMatchObject({ id: '{CCCCCCCC-0000-4000-8000-000000000001}', title: 'Interview 1', text: 'I was afraid 😟.\nThen hopeful.' });
    expect(snapshot.documents[0]!.blocks).toEqual([
      { type: 'paragraph', start: 0, end: 16 },
      { type: 'paragraph', start: 17, end: 30 },
    ]);
    expect(snapshot.documents[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The selection without a code is skipped; the coded one starts after the emoji (code point 16 = UTF-16 17).
    expect(snapshot.annotations).toHaveLength(1);
    expect(snapshot.annotations[0]).toMatchObject({ quote: 'Then hopeful.', start: 17, end: 30, layer: 'ANNOTATOR', annotatorId: '{AAAAAAAA-0000-4000-8000-000000000001}' });
    expect(snapshot.project).toEqual({ id: '', slug: 'interviews', name: 'Interviews', description: '' });
  });
});

describe('a passage coded with three categories, each with its own note', () => {
  // Three annotations by one coder on one passage, sharing a selectionId: one PlainTextSelection
  // with three Codings. Each note, and the comment on the second, must come back to its own
  // annotation, and a reader written from the standard must see every note.
  const base = fixture.annotations.find((a) => a.documentId === ids.doc1 && a.layer === 'ANNOTATOR')!;
  const selectionId = '88888888-1111-4222-8333-000000000001';
  const categoryNotes: [string, string][] = [
    [ids.security, 'Security is the stated reason.'],
    [ids.trade, 'But the cost falls on trade.\nSee the next paragraph.'],
    [ids.trust, 'Nobody trusts the other side & says so.'],
  ];
  const commentId = '88888888-1111-4222-8333-000000000099';
  const snapshot = (): ExportSnapshot => {
    const s = cloneFixture();
    s.annotations.push(
      ...categoryNotes.map(([categoryId, note], i) => ({
        ...structuredClone(base),
        id: `88888888-1111-4222-8333-00000000001${i}`,
        categoryId,
        note,
        attributes: i === 0 ? { 'blame-target': 'pakistan' } : ({} as Record<string, string>),
        selectionId,
      })),
    );
    s.comments.push({ id: commentId, annotationId: '88888888-1111-4222-8333-000000000011', authorId: ids.chen, body: 'Is trade really the point here?', createdAt: '2025-11-03T10:00:00.000Z', editedAt: null });
    return s;
  };
  const bytes = toQdpx(snapshot());

  it('round-trips every note and the comment to its own annotation', async () => {
    const back = await fromQdpx(bytes);
    const passages = back.annotations.filter((a) => a.selectionId === selectionId);
    expect(passages.map((a) => [a.categoryId, a.note])).toEqual(categoryNotes);
    // The attribute value stays with the annotation it qualifies.
    expect(passages.map((a) => a.attributes)).toEqual([{ 'blame-target': 'pakistan' }, {}, {}]);
    expect(new Set(passages.map((a) => a.codingId)).size).toBe(3);
    const comments = back.comments.filter((c) => passages.some((a) => a.id === c.annotationId));
    expect(comments.map((c) => [passages.find((a) => a.id === c.annotationId)!.categoryId, c.id, c.body])).toEqual([[ids.trade, commentId, 'Is trade really the point here?']]);
    // Exported again, the file is the same.
    expect(strFromU8(unzipSync(toQdpx(back))['project.qde']!)).toBe(strFromU8(unzipSync(toQdpx(await fromQdpx(toQdpx(back))))['project.qde']!));
  });

  it('is seen by the independent reader: one selection, each note referenced from its own Coding, all of them in the Description', async () => {
    const { readQdaProject, guidKey } = await import('../../support/refi-qda-reader');
    const project = readQdaProject(bytes);
    expect(project.problems).toEqual([]);
    const selection = project.sources.flatMap((s) => s.selections).find((s) => guidKey(s.guid) === selectionId)!;
    const notes = new Map(project.notes.map((n) => [guidKey(n.guid), n.text]));
    const categoryCodings = selection.codings.filter((c) => categoryNotes.some(([id]) => id === guidKey(c.codeGuid)));
    expect(categoryCodings.map((c) => [guidKey(c.codeGuid), c.noteRefs.map((r) => notes.get(guidKey(r)))])).toEqual([
      [ids.security, [categoryNotes[0]![1]]],
      [ids.trade, [categoryNotes[1]![1], 'Is trade really the point here?']],
      [ids.trust, [categoryNotes[2]![1]]],
    ]);
    expect(selection.noteRefs).toEqual([]);
    expect(selection.description).toBe(categoryNotes.map(([, note]) => note).join('\n\n'));
  });

  it('reads a multi-coded selection from another tool as before: its Description is the note of every passage', async () => {
    const { qde, files } = unpack(bytes);
    // Another tool's file: no coding-level notes, one Description for the selection.
    const foreign = qde.replace(/(<Coding [^>]*>\s*<CodeRef [^>]*\/>)\s*(?:<NoteRef [^>]*\/>\s*)+/g, '$1');
    const back = await fromQdpx(repack(files, foreign));
    const passages = back.annotations.filter((a) => a.selectionId === selectionId);
    expect(passages.map((a) => a.note)).toEqual(categoryNotes.map(() => categoryNotes.map(([, note]) => note).join('\n\n')));
  });

  it.skipIf(!hasRefiReference || !hasXmllint)('validates against Project-mrt2019.xsd', () => {
    const file = path.join(tempDir, 'three-codings.qde');
    writeFileSync(file, unpack(bytes).qde);
    expect(validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd')).ok).toBe(true);
  });
});

describe('document groups and category groups as Sets', () => {
  const grouped = (): ExportSnapshot => ({
    ...cloneFixture(),
    documentGroups: [
      { id: '99999999-1111-4222-8333-000000000001', name: 'Pakistani outlets', description: 'Dawn & The News', memberIds: [ids.doc1, ids.doc2] },
      { id: '99999999-1111-4222-8333-000000000002', name: 'Second wave', description: '', memberIds: [ids.doc2] },
    ],
    categoryGroups: [{ id: '99999999-1111-4222-8333-000000000003', name: 'Frames of blame', description: 'What the outlets blame', memberIds: [ids.security, ids.trade] }],
  });
  const bytes = toQdpx(grouped());
  const { qde } = unpack(bytes);

  it('writes a Set of MemberSources per document group and of MemberCodes per category group', () => {
    const sets = ((parseQde(qde).Sets as { Set: El | El[] }).Set as El[]).map((s) => ({
      guid: s.guid,
      name: s.name,
      description: s.Description ?? null,
      sources: ([] as El[]).concat((s.MemberSource as El[] | El | undefined) ?? []).map((m) => m.targetGUID),
      codes: ([] as El[]).concat((s.MemberCode as El[] | El | undefined) ?? []).map((m) => m.targetGUID),
    }));
    expect(sets).toEqual([
      { guid: '99999999-1111-4222-8333-000000000001', name: 'Pakistani outlets', description: 'Dawn & The News', sources: [ids.doc1, ids.doc2], codes: [] },
      { guid: '99999999-1111-4222-8333-000000000002', name: 'Second wave', description: null, sources: [ids.doc2], codes: [] },
      { guid: '99999999-1111-4222-8333-000000000003', name: 'Frames of blame', description: 'What the outlets blame', sources: [], codes: [ids.security, ids.trade] },
    ]);
  });

  it('round-trips the groups, and the independent reader sees them', async () => {
    const back = await fromQdpx(bytes);
    expect(back.documentGroups).toEqual(grouped().documentGroups);
    expect(back.categoryGroups).toEqual(grouped().categoryGroups);
    const { readQdaProject } = await import('../../support/refi-qda-reader');
    const project = readQdaProject(bytes);
    expect(project.problems).toEqual([]);
    expect(project.sets.map((s) => [s.name, s.memberSources.length, s.memberCodes.length])).toEqual([['Pakistani outlets', 2, 0], ['Second wave', 1, 0], ['Frames of blame', 0, 2]]);
  });

  it('leaves out members the export does not hold', () => {
    const s = grouped();
    s.documentGroups![0]!.memberIds.push('33333333-cccc-4ddd-8eee-00000000dead');
    expect(unpack(toQdpx(s)).qde).not.toContain('00000000dead');
  });

  it.skipIf(!hasRefiReference || !hasXmllint)('validates against Project-mrt2019.xsd', () => {
    const file = path.join(tempDir, 'sets.qde');
    writeFileSync(file, qde);
    const result = validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd'));
    expect(result.output).toMatch(/validates$/);
    expect(result.ok).toBe(true);
  });
});

describe('sources with no text (NVivo for Mac 15)', () => {
  // NVivo for Mac 15.0.0 exported a project whose two sources' texts are each a lone "\n"
  // (cproctor/qualitative-coding, qualitative_coding/refi_qda/nvivo_project.qdpx). Parallax keeps
  // one copy of a text per project, so the two equal texts refused the whole file, codebook and all.
  const qde = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?><Project name="qc project" origin="NVivo for Mac 15.0.0" xmlns="urn:QDA-XML:project:1.0">
<Users><User guid="1b0b1791-be46-4557-9957-7333544cfaf2" id="CP" name="chrisp"/></Users>
<CodeBook><Codes><Code guid="34653336-3766-3235-6466-363134396437" isCodable="true" name="rq1_definition"/></Codes></CodeBook>
<Sources>
<TextSource guid="d097e6fd-7671-4d95-a8b6-7795fa4a72e1" name="empty one" plainTextPath="internal://d097e6fd-7671-4d95-a8b6-7795fa4a72e1.txt" richTextPath="internal://d097e6fd-7671-4d95-a8b6-7795fa4a72e1.docx"/>
<TextSource guid="e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4" name="empty two" plainTextPath="internal://e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4.txt"/>
<TextSource guid="0b7a3c1e-1111-4222-8333-000000000001" name="real" plainTextPath="internal://0b7a3c1e-1111-4222-8333-000000000001.txt"/>
</Sources></Project>`;
  const bytes = zipSync({
    'project.qde': strToU8(qde),
    'sources/d097e6fd-7671-4d95-a8b6-7795fa4a72e1.txt': strToU8('\n'),
    'sources/e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4.txt': strToU8(' \r\n'),
    'sources/0b7a3c1e-1111-4222-8333-000000000001.txt': strToU8('A text with words.'),
  });

  it('leaves them out, says so, and reads the rest', async () => {
    const { snapshot, summary } = await readQdpx(bytes);
    expect(snapshot.documents.map((d) => d.title)).toEqual(['real']);
    expect(snapshot.categories.map((c) => c.name)).toEqual(['rq1_definition']);
    expect(summary.notImported.find((n) => n.what === 'sources with no text')).toMatchObject({ count: 2, examples: ['empty one', 'empty two'] });
  });
});

describe('set members named the ATLAS.ti way', () => {
  it('reads <MemberSource guid="…"/> and <MemberCode guid="…"/> as the standard’s targetGUID', async () => {
    const { qde, files } = unpack(toQdpx(cloneFixture()));
    const sets = `<Sets><Set guid="99999999-1111-4222-8333-0000000000aa" name="Both"><MemberSource guid="${ids.doc1.toUpperCase()}" /></Set><Set guid="99999999-1111-4222-8333-0000000000bb" name="Codes"><MemberCode guid="${ids.trade}" /></Set></Sets>`;
    const back = await fromQdpx(repack(files, qde.replace('</Notes>', `</Notes>${sets}`)));
    expect(back.documentGroups).toEqual([{ id: '99999999-1111-4222-8333-0000000000aa', name: 'Both', description: '', memberIds: [ids.doc1] }]);
    expect(back.categoryGroups).toEqual([{ id: '99999999-1111-4222-8333-0000000000bb', name: 'Codes', description: '', memberIds: [ids.trade] }]);
  });
});
