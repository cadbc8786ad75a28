// toQdpx checked by a REFI-QDA reader that shares nothing with Parallax's own (tests/support/
// refi-qda-reader.ts, written from the standard): what another tool that follows the standard
// would see. Parallax's reader (qdpx-import.ts) is deliberately not used here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { toQdpx } from '@/lib/export/qdpx';
import { parseUnplacedNote } from '@/lib/export/qdpx-unplaced';
import type { ExportAnnotation } from '@/lib/export/types';
import { flattenCodes, guidKey, readQdaProject, readZip, type QdaNote, type QdaSelection } from '../../support/refi-qda-reader';
import { annotationIds, extraAnnotationIds, ids, orphanCommentId, richFixture, selectionIds } from './fixture';
import { hasRefiReference, hasXmllint, noteSkipped, refiDir, validateWithXmllint } from './reference';

const snapshot = richFixture();
const bytes = toQdpx(snapshot);
const project = readQdaProject(bytes);

const placed = snapshot.annotations.filter((a) => a.orphaned !== true);
const orphans = snapshot.annotations.filter((a) => a.orphaned === true);
const userName = (id: string) => snapshot.users.find((u) => u.id === id)!.name;
const consensusUser = (curatorId: string) => project.users.find((u) => u.name === `Consensus (curated by ${userName(curatorId)})`);
const expectedCreator = (a: ExportAnnotation) => (a.layer === 'CONSENSUS' ? consensusUser(a.annotatorId)?.guid : a.annotatorId);
const noteByGuid = new Map(project.notes.map((n) => [guidKey(n.guid), n]));
const notesReferencedFrom = (kind: string, guid: string | null): QdaNote[] =>
  [...project.noteReferences]
    .filter(([, holders]) => holders.some((h) => h.kind === kind && (h.guid === null ? guid === null : guid !== null && guidKey(h.guid) === guidKey(guid))))
    .map(([key]) => noteByGuid.get(key)!)
    .filter(Boolean);
const optionId = (key: string, value: string) => snapshot.attributes.find((a) => a.key === key)!.options.find((o) => o.value === value)!.id;

/** The selection another tool shows for an annotation: its source, its text, its creator, its code. */
function selectionOf(a: ExportAnnotation): QdaSelection {
  const source = project.sources.find((s) => guidKey(s.guid) === guidKey(a.documentId))!;
  const matches = source.selections.filter(
    (s) => s.text === a.quote && s.creatingUser === expectedCreator(a) && s.codings.some((c) => guidKey(c.codeGuid) === guidKey(a.categoryId)),
  );
  expect(matches, `annotation ${a.id} ("${a.quote}")`).toHaveLength(1);
  return matches[0]!;
}

describe('a Parallax .qdpx read by an independent REFI-QDA reader', () => {
  it('reads without a single broken reference or impossible position', () => {
    expect(project.problems).toEqual([]);
    expect(project.name).toBe(snapshot.project.name);
    expect(project.origin).toBe('Parallax');
    expect(project.description).toBe(snapshot.project.description);
    expect(project.creatingUser).toBe(snapshot.exportedBy);
  });

  it('finds the zip as the standard lays it out: project.qde and the texts in Sources/', () => {
    expect(project.entries.sort()).toEqual([...snapshot.documents.map((d) => `Sources/${d.id}.txt`), 'project.qde'].sort());
    // The zip reader is ours, so check it on the archive's raw entries too.
    expect(readZip(bytes).map((e) => e.name)).toContain('project.qde');
  });

  it('gets every user, and one consensus user per curator', () => {
    for (const user of snapshot.users) expect(project.users).toContainEqual({ guid: user.id, name: user.name, id: user.email ?? null });
    expect(consensusUser(ids.chen)).toBeDefined();
    expect(project.users).toHaveLength(snapshot.users.length + 1);
  });

  it('gets every code: the category tree with colours and descriptions, and each attribute as a non-codable code of its options', () => {
    const codes = flattenCodes(project.codes);
    for (const category of snapshot.categories) {
      const code = codes.find((c) => guidKey(c.guid) === guidKey(category.id));
      expect(code, category.path).toBeDefined();
      expect(code).toMatchObject({ name: category.name, path: category.path, isCodable: true, color: category.color, parentGuid: category.parentId });
      expect(code!.description ?? '').toBe(category.description);
    }
    for (const attribute of snapshot.attributes) {
      const code = codes.find((c) => guidKey(c.guid) === guidKey(attribute.id))!;
      expect(code.isCodable).toBe(false);
      expect(code.description).toContain(attribute.description);
      expect(code.children.map((c) => [c.guid, c.name, c.isCodable])).toEqual(attribute.options.map((o) => [o.id, o.label, true]));
    }
    expect(codes).toHaveLength(snapshot.categories.length + snapshot.attributes.reduce((n, a) => n + 1 + a.options.length, 0));
  });

  it('gets every source with its text, character for character', () => {
    expect(project.sources.map((s) => s.guid)).toEqual(snapshot.documents.map((d) => d.id));
    for (const document of snapshot.documents) {
      const source = project.sources.find((s) => s.guid === document.id)!;
      expect(source.name).toBe(document.title);
      expect(source.plainTextPath).toBe(`internal://${document.id}.txt`);
      expect(source.textEntry).toBe(`Sources/${document.id}.txt`);
      expect(source.text).toBe(document.text);
      expect(source.variables.get('Content SHA-256')).toBe(document.contentHash);
    }
  });

  it('gets every placed passage: the characters at its positions are its quote, with its codes and its creator', () => {
    for (const a of placed) {
      const selection = selectionOf(a);
      expect([a.id, a.selectionId]).toContain(selection.guid);
      const codes = selection.codings.map((c) => guidKey(c.codeGuid));
      for (const [key, value] of Object.entries(a.attributes)) expect(codes).toContain(guidKey(optionId(key, value)));
      for (const coding of selection.codings) expect(coding.creatingUser).toBe(expectedCreator(a));
    }
    // Positions count characters: around the emoji, UTF-16 offsets would be off by one.
    const a4 = selectionOf(snapshot.annotations.find((a) => a.id === annotationIds.a4)!);
    const text = project.sources[0]!.text;
    expect(text.slice(a4.start, a4.end)).not.toBe(a4.text);
    expect([...text].slice(a4.start, a4.end).join('')).toBe(snapshot.annotations.find((a) => a.id === annotationIds.a4)!.quote);
  });

  it('gets the multi-coded selection as one selection with a coding per annotation', () => {
    const X = extraAnnotationIds;
    const shared = selectionOf(snapshot.annotations.find((a) => a.id === X.multiSecurity)!);
    expect(selectionOf(snapshot.annotations.find((a) => a.id === X.multiTrade)!)).toBe(shared);
    expect(shared.guid).toBe(selectionIds.shared);
    expect(shared.codings.map((c) => c.codeGuid)).toEqual([ids.security, ids.optPakistan, ids.trade]);
    expect(shared.codings[0]!.guid).toBe(selectionIds.codingSecurity);
    // The annotation that claimed the same selectionId on another span has a selection of its own.
    expect(selectionOf(snapshot.annotations.find((a) => a.id === X.otherSpan)!).guid).toBe(X.otherSpan);
    const selections = project.sources.flatMap((s) => s.selections);
    expect(selections).toHaveLength(placed.length - 1);
    expect(new Set(selections.map((s) => guidKey(s.guid))).size).toBe(selections.length);
  });

  it("gets every annotation's note as its selection's Description and as a Note its selection (or, when several share it, its own Coding) references", () => {
    for (const a of placed.filter((x) => x.note !== '')) {
      const selection = selectionOf(a);
      const sharing = placed.filter((b) => selectionOf(b) === selection);
      const together = sharing.filter((b) => b.note !== '').map((b) => b.note);
      expect(selection.description).toBe(together.join('\n\n'));
      const coding = selection.codings.find((c) => guidKey(c.codeGuid) === guidKey(a.categoryId) && (a.codingId === undefined || guidKey(c.guid) === guidKey(a.codingId)))!;
      const holder = sharing.length > 1 ? { kind: 'coding' as const, guid: coding.guid, refs: coding.noteRefs } : { kind: 'selection' as const, guid: selection.guid, refs: selection.noteRefs };
      const referenced = holder.refs.map((guid) => noteByGuid.get(guidKey(guid)));
      expect(referenced.map((n) => n?.text)).toContain(a.note);
      const note = referenced.find((n) => n?.text === a.note)!;
      expect(note.creatingUser).toBe(a.annotatorId);
      expect(project.noteReferences.get(guidKey(note.guid))).toEqual([{ kind: holder.kind, guid: holder.guid }]);
    }
    for (const a of placed.filter((x) => x.note === '' && !placed.some((b) => b !== x && b.note !== '' && selectionOf(b) === selectionOf(x)))) {
      expect(selectionOf(a).description).toBeNull();
    }
  });

  it('gets every comment as a Note by its author, referenced from its passage', () => {
    for (const comment of snapshot.comments) {
      const note = noteByGuid.get(guidKey(comment.id))!;
      expect(note.text).toBe(comment.body);
      expect(note.creatingUser).toBe(comment.authorId);
      const a = snapshot.annotations.find((x) => x.id === comment.annotationId)!;
      if (a.orphaned === true) expect(project.noteReferences.get(guidKey(comment.id))).toEqual([{ kind: 'note', guid: a.id }]);
      else {
        const selection = selectionOf(a);
        const own = placed.filter((b) => selectionOf(b) === selection).length > 1 ? selection.codings.find((c) => guidKey(c.codeGuid) === guidKey(a.categoryId))!.noteRefs : selection.noteRefs;
        expect(own).toContain(comment.id);
      }
    }
  });

  it('gets every memo as a Note referenced from its source, or from the project', () => {
    for (const memo of snapshot.memos) {
      const holders = memo.documentId === null ? notesReferencedFrom('project', null) : notesReferencedFrom('source', memo.documentId);
      const note = holders.find((n) => n.text === memo.body);
      expect(note, memo.body).toBeDefined();
      expect(note!.creatingUser).toBe(memo.authorId);
    }
    expect(project.projectNoteRefs).toEqual(snapshot.memos.filter((m) => m.documentId === null).map((m) => m.id));
  });

  it('gets every unplaced passage as a readable note on its source, never as a selection at offsets that hold other text', () => {
    const allSelections = project.sources.flatMap((s) => s.selections);
    for (const a of orphans) {
      expect(allSelections.some((s) => [a.id, a.selectionId].includes(s.guid))).toBe(false);
      const note = notesReferencedFrom('source', a.documentId).find((n) => guidKey(n.guid) === guidKey(a.id));
      expect(note, a.quote).toBeDefined();
      expect(note!.name).toMatch(/^Unplaced passage: “/);
      expect(note!.creatingUser).toBe(expectedCreator(a));
      // What a person reads in any tool.
      const category = snapshot.categories.find((c) => c.id === a.categoryId)!;
      expect(note!.text).toContain(category.path);
      expect(note!.text).toContain(a.quote);
      if (a.note !== '') expect(note!.text).toContain(a.note);
      // What Parallax reads back.
      expect(parseUnplacedNote(note!.text)).toMatchObject({
        categoryId: a.categoryId,
        layer: a.layer === 'CONSENSUS' ? 'consensus' : 'annotator',
        annotatorId: a.annotatorId,
        attributes: a.attributes,
        quote: a.quote,
        note: a.note,
        start: a.start,
        end: a.end,
      });
    }
    expect(project.noteReferences.get(guidKey(orphanCommentId))).toEqual([{ kind: 'note', guid: extraAnnotationIds.orphan }]);
  });

  it('has no note that nothing references, and no sets (the snapshot has no groups)', () => {
    for (const note of project.notes) expect(project.noteReferences.has(guidKey(note.guid)), note.name ?? note.guid).toBe(true);
    expect(project.sets).toEqual([]);
  });

  describe.skipIf(!hasRefiReference || !hasXmllint)('against the REFI-QDA XSD (xmllint)', () => {
    const tempDir = mkdtempSync(path.join(tmpdir(), 'parallax-qdpx-independent-'));
    afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

    it('the project.qde it read is valid', () => {
      const file = path.join(tempDir, 'project.qde');
      writeFileSync(file, readZip(bytes).find((e) => e.name === 'project.qde')!.data);
      const result = validateWithXmllint(file, path.join(refiDir, 'Project-mrt2019.xsd'));
      expect(result.output).toMatch(/validates$/);
      expect(result.ok).toBe(true);
    });
  });
});

if (!hasRefiReference) noteSkipped('the REFI-QDA XSD check of the independent reading', `${refiDir} is not there (it is on CI, beside the repository)`);
else if (!hasXmllint) noteSkipped('the REFI-QDA XSD check of the independent reading', 'xmllint is not installed (Debian: apt-get install libxml2-utils)');

describe('the independent reader itself', () => {
  it('follows XML 1.0: line ends, attribute normalisation, references, CDATA, namespaces by URI', async () => {
    const { parseXml } = await import('../../support/refi-qda-reader');
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?>\r\n<!-- c --><q:Project xmlns:q="urn:QDA-XML:project:1.0" name="a&#10;b\tc\r\nd"><q:Description>x&#13;\r\ny &amp; &lt;&#x1F6AB;<![CDATA[<z>]]></q:Description><Other/></q:Project>',
    );
    expect(root).toMatchObject({ name: 'Project', namespace: 'urn:QDA-XML:project:1.0' });
    expect(root.attributes.get('name')).toBe('a\nb c d');
    expect(root.children[0]!.text).toBe('x\r\ny & <🚫<z>');
    expect(root.children[1]).toMatchObject({ name: 'Other', namespace: '' });
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml('<!DOCTYPE a><a/>')).toThrow(/DOCTYPE/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/not defined/);
  });

  it("reads another tool's spelling: prefixed namespace, braced upper-case GUIDs, a lower-case sources folder, stored entries, inline text", () => {
    const user = '{AAAAAAAA-0000-4000-8000-000000000001}';
    const code = '{BBBBBBBB-0000-4000-8000-000000000001}';
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Interviews">
  <qda:Users><qda:User guid="${user}" name="Rita"/></qda:Users>
  <qda:CodeBook><qda:Codes><qda:Code guid="${code}" name="Hope" isCodable="1"/></qda:Codes></qda:CodeBook>
  <qda:Sources>
    <qda:TextSource guid="{CCCCCCCC-0000-4000-8000-000000000001}" name="File" plainTextPath="internal://one.txt">
      <qda:PlainTextSelection guid="{DDDDDDDD-0000-4000-8000-000000000001}" startPosition="4" endPosition="8" creatingUser="${user.toLowerCase()}">
        <qda:Coding guid="{EEEEEEEE-0000-4000-8000-000000000001}"><qda:CodeRef targetGUID="${code}"/></qda:Coding>
      </qda:PlainTextSelection>
    </qda:TextSource>
    <qda:TextSource guid="{CCCCCCCC-0000-4000-8000-000000000002}" name="Inline"><qda:PlainTextContent>no 😟 fear</qda:PlainTextContent></qda:TextSource>
  </qda:Sources>
</qda:Project>`;
    const archive = zipSync({ 'project.qde': new TextEncoder().encode(qde), 'sources/one.txt': new TextEncoder().encode('😟 a hope') }, { level: 0 });
    const read = readQdaProject(archive);
    expect(read.problems).toEqual([]);
    expect(read.sources.map((s) => [s.textEntry, s.text])).toEqual([
      ['sources/one.txt', '😟 a hope'],
      [null, 'no 😟 fear'],
    ]);
    expect(read.sources[0]!.selections[0]).toMatchObject({ start: 4, end: 8, text: 'hope' });
    expect(read.codes[0]).toMatchObject({ name: 'Hope', isCodable: true });
  });

  it('reports broken references instead of guessing', () => {
    const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="cccccccc-0000-4000-8000-000000000001" plainTextPath="internal://gone.txt"><PlainTextSelection guid="dddddddd-0000-4000-8000-000000000001" startPosition="0" endPosition="4" creatingUser="aaaaaaaa-0000-4000-8000-000000000001"><Coding guid="eeeeeeee-0000-4000-8000-000000000001"><CodeRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Coding><NoteRef targetGUID="ffffffff-0000-4000-8000-000000000001"/></PlainTextSelection></TextSource></Sources></Project>`;
    const problems = readQdaProject(zipSync({ 'project.qde': new TextEncoder().encode(qde) })).problems.join('\n');
    expect(problems).toMatch(/internal:\/\/gone\.txt is not in the archive/);
    expect(problems).toMatch(/0–4 is not within its text of 0 characters/);
    expect(problems).toMatch(/who is not among the Users/);
    expect(problems).toMatch(/not in the codebook/);
    expect(problems).toMatch(/not among the Notes/);
  });
});
