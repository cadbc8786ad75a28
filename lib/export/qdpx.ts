// A project as a REFI-QDA project file (.qdpx): a zip holding `project.qde` (QDA-XML 1.0,
// namespace urn:QDA-XML:project:1.0, checked against Project-mrt2019.xsd) and one UTF-8 plain-text
// file per document, `Sources/<guid>.txt` (the folder as the standard's own examples spell it),
// named in the XML as plainTextPath="internal://<guid>.txt".
//
// Mapping (what QDA-XML has a place for goes there; the rest is written so other tools show it
// sensibly and fromQdpx reads it back):
//
// - Ids: Parallax ids are UUIDs and become the GUIDs as they are (lower case, which GUIDType
//   allows). Elements with no Parallax id get name-based GUIDs (guid.ts), recomputed on import.
// - Users/User: guid = user id, name, id = e-mail when known (QDA-XML's "id" is the login name).
// - Layers: an annotator's annotation is a PlainTextSelection created by that user. The consensus
//   layer has no counterpart in QDA-XML (Sets cannot hold selections), so each curator also appears
//   as a second user, "Consensus (curated by <name>)", whose GUID is derived from the curator's id;
//   consensus selections are created by that user. Other tools then show the consensus as one more
//   coder, which is what it is for agreement work; fromQdpx recognises the derived GUID and gives
//   the annotation back to the curator in the CONSENSUS layer.
// - Codebook: categories and attributes as described in qda-codes.ts (attribute options are child
//   codes of a non-codable "Attribute: <name>" code; an attribute value is one more Coding of the
//   selection).
// - Sources/TextSource: guid = document id, name = title (or file name), creationDateTime =
//   createdAt, a readable Description of the metadata, and the metadata itself as VariableValues
//   of project Variables (Title, Author, Author affiliation, Outlet, Published on (a Date), Source
//   URL, Source file, Content SHA-256, Parallax block structure). Only non-null values are written,
//   so null stays null. The block structure is one line per block: `h2 0-34`, `h3 …`, `h …`
//   (heading without level), `p 36-210` (paragraph), offsets in characters like the selections.
// - PlainTextSelection: one per annotation, or one per coded selection of another tool: the
//   annotations that share a selectionId and also the document, start, end, layer and annotator
//   are one selection whose guid is the selectionId (a selection coded with several codes, as it
//   came in). An annotation with no selectionId has its own selection, guid = annotation id; so
//   does one whose selectionId an earlier annotation with another span or coder already took.
//   name = the start of the quote, start/endPosition, creatingUser, creationDateTime = the
//   earliest createdAt, modifiedDateTime = the latest updatedAt. Its children, in the XSD's order:
//   - Description: the annotation's note (QualCoder and others read a selection's memo there);
//     for a selection of several annotations, their non-empty notes joined by a blank line. The
//     join is deliberate: QualCoder and MAXQDA read only the Description, as the memo of every
//     coding of the selection, and would otherwise show none of the notes; Parallax's reader
//     ignores it for such a selection and takes each note from its own Coding (below).
//   - Coding, per annotation in order: the category's code (guid = the annotation's codingId when
//     it has one, else derived from the annotation id and the code), then one per attribute value
//     (derived GUID); so the attribute codings follow the category coding they belong to. In a
//     selection of several annotations, each category Coding holds NoteRefs of its annotation's
//     note (GUID derived from the Coding's GUID, codingNoteGuid) and comments, so every note and
//     comment stays with its own annotation (CodingType allows NoteRef after CodeRef).
//   - NoteRef (a selection of one annotation): its note (below) and its comments.
// - Positions: QDA-XML counts characters (Unicode code points) of the plain text; Parallax counts
//   UTF-16 code units. Both directions convert (code-points.ts), so an emoji is one character in
//   the file. Prefix and suffix are not stored: the importer recomputes them from the text with
//   lib/anchoring's describeSpan, as Parallax does when an annotation is made.
// - Unplaced (orphaned) annotations, which a text correction left without a place: never a
//   PlainTextSelection (their offsets no longer hold their quote and would highlight other text).
//   Each is a Note, guid = annotation id, name `Unplaced passage: “<start of quote>”`, created by
//   the selection's creator (annotator or consensus user), referenced by a NoteRef of its
//   TextSource (after the document's memo). Its PlainTextContent reads as a memo (category path,
//   attribute values, coder, last known text, note) and ends in a machine-readable block that
//   qdpx-unplaced.ts defines (formatUnplacedNote / parseUnplacedNote) and documents: category and
//   annotator GUIDs, layer, attributes, quote, note, prefix, suffix, last offsets, dates. Its
//   comments are Notes referenced by NoteRefs of that Note (a Note is a TextSourceType, which has
//   NoteRefs).
// - Notes/Note (PlainTextContent inline): an annotation's note (GUID derived from the annotation
//   id, or from its Coding's GUID in a selection of several annotations, so it is told apart from
//   comments; kept beside the selection's Description so a reader
//   that follows NoteRefs finds it too), each comment (guid = comment id, creatingUser = author,
//   creationDateTime = createdAt, modifiedDateTime = editedAt when edited), each memo (guid = memo
//   id, modifiedDateTime = updatedAt), each unplaced passage. A document memo is a NoteRef of its
//   TextSource (after its selections, before its VariableValues, where the XSD puts a source's
//   notes), a project memo a NoteRef of the Project (after its Description: the XSD's "Note(s)
//   that apply to the project as a whole").
// - Sets: a document group is a Set of MemberSources, a category group a Set of MemberCodes
//   (guid = the group's id, name, Description when it has one). qdpx-import.ts reads them back;
//   a group with no members is a Set with none, which it reads as a document group (QDA-XML
//   cannot say what an empty Set would have held).
// - Project: name, origin "Parallax", creationDateTime = exportedAt, creatingUserGUID = exportedBy
//   (when given), Description = the project's description.
// - Not carried: the project's id and slug and the app's baseUrl (an import makes a new project;
//   fromQdpx returns an empty id and baseUrl and a slug of the name), and category positions other
//   than their order (they come back as 0, 1, 2 … among siblings).
//
// Files from other tools are read as qdpx-import.ts describes.
import { zipSync } from 'fflate';
import { CodePointIndex } from './code-points';
import { renderCodes } from './qda-codes';
import { deriveGuid } from './guid';
import { annotationNoteGuid, codingGuid, codingNoteGuid, consensusUserGuid, qdpxNamespace, qdpxSchemaLocation, qdpxVariables, variableGuid, type MetadataKey } from './qdpx-shared';
import { formatUnplacedNote } from './qdpx-unplaced';
import { documentName, indexSnapshot } from './snapshot';
import type { ExportAnnotation, ExportBlock, ExportComment, ExportDocument, ExportGroup, ExportSnapshot } from './types';
import { element, renderXml, textElement, type XmlNode } from './xml';

export { qdpxNamespace } from './qdpx-shared';

/** A selection's name: the start of its quote on one line, as QDA tools name quotations. */
function selectionName(quote: string): string {
  const line = quote.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length <= 80 ? line : `${characters.slice(0, 79).join('')}…`;
}

function formatBlocks(blocks: readonly ExportBlock[], points: CodePointIndex): string {
  return blocks
    .map((b) => `${b.type === 'paragraph' ? 'p' : `h${b.level ?? ''}`} ${points.toPoints(b.start)}-${points.toPoints(b.end)}`)
    .join('\n');
}

function sourceDescription(document: ExportDocument): string | null {
  const lines = [
    document.author !== null && `Author: ${document.author}${document.authorAffiliation !== null ? ` (${document.authorAffiliation})` : ''}`,
    document.author === null && document.authorAffiliation !== null && `Author affiliation: ${document.authorAffiliation}`,
    document.outlet !== null && `Outlet: ${document.outlet}`,
    document.publishedOn !== null && `Published: ${document.publishedOn}`,
    document.sourceUrl !== null && `URL: ${document.sourceUrl}`,
  ].filter((line): line is string => typeof line === 'string');
  return lines.length === 0 ? null : lines.join('\n');
}

function noteElement(
  guid: string,
  name: string,
  body: string,
  dates: { creatingUser: string; creationDateTime?: string | null; modifiedDateTime?: string | null },
  noteRefs: readonly string[] = [],
): XmlNode {
  return element(
    'Note',
    {
      guid,
      name,
      creatingUser: dates.creatingUser,
      creationDateTime: dates.creationDateTime,
      modifyingUser: dates.modifiedDateTime ? dates.creatingUser : null,
      modifiedDateTime: dates.modifiedDateTime,
    },
    [textElement('PlainTextContent', body), ...noteRefs.map((guid) => element('NoteRef', { targetGUID: guid }))],
  );
}

/** The annotations that become one PlainTextSelection (see the header), in snapshot order. */
type SelectionGroup = { guid: string; annotations: ExportAnnotation[] };

function groupSelections(annotations: readonly ExportAnnotation[]): Map<string, SelectionGroup[]> {
  const spanKey = (a: ExportAnnotation) => JSON.stringify([a.documentId, a.start, a.end, a.layer, a.annotatorId]);
  const claimed = new Map<string, { key: string; group: SelectionGroup }>();
  const usedGuids = new Set<string>();
  const byDocument = new Map<string, SelectionGroup[]>();
  const add = (documentId: string, group: SelectionGroup) => {
    usedGuids.add(group.guid.toLowerCase());
    const list = byDocument.get(documentId);
    if (list) list.push(group);
    else byDocument.set(documentId, [group]);
  };
  for (const a of annotations) {
    if (a.orphaned === true) continue;
    const selectionId = a.selectionId?.trim();
    if (selectionId) {
      const taken = claimed.get(selectionId.toLowerCase());
      if (taken?.key === spanKey(a)) {
        taken.group.annotations.push(a);
        continue;
      }
      if (!taken && !usedGuids.has(selectionId.toLowerCase())) {
        const group = { guid: selectionId, annotations: [a] };
        claimed.set(selectionId.toLowerCase(), { key: spanKey(a), group });
        add(a.documentId, group);
        continue;
      }
    }
    // Its own selection. An id that is already some selection's GUID (another annotation's
    // selectionId) gets a derived one, so no GUID is used twice.
    const guid = usedGuids.has(a.id.toLowerCase()) ? deriveGuid(`selection:${a.id}`) : a.id;
    add(a.documentId, { guid, annotations: [a] });
  }
  return byDocument;
}

const earliest = (values: readonly string[]) => values.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
const latest = (values: readonly string[]) => values.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

function buildProjectXml(snapshot: ExportSnapshot): string {
  const index = indexSnapshot(snapshot);
  const userName = (id: string) => index.users.get(id)?.name ?? id;
  const annotationsByDocument = new Map<string, ExportAnnotation[]>();
  for (const a of snapshot.annotations) {
    const list = annotationsByDocument.get(a.documentId);
    if (list) list.push(a);
    else annotationsByDocument.set(a.documentId, [a]);
  }
  const ordered = snapshot.documents.flatMap((d) => annotationsByDocument.get(d.id) ?? []);
  const commentsByAnnotation = new Map<string, ExportComment[]>();
  for (const c of snapshot.comments) {
    const list = commentsByAnnotation.get(c.annotationId);
    if (list) list.push(c);
    else commentsByAnnotation.set(c.annotationId, [c]);
  }
  const optionIds = new Map(snapshot.attributes.map((a) => [a.key, new Map(a.options.map((o) => [o.value, o.id]))]));
  const curators = new Set(snapshot.annotations.filter((a) => a.layer === 'CONSENSUS').map((a) => a.annotatorId));
  const creatorGuid = (a: ExportAnnotation) => (a.layer === 'CONSENSUS' ? consensusUserGuid(a.annotatorId) : a.annotatorId);

  const users = [
    ...snapshot.users.map((u) => element('User', { guid: u.id, name: u.name, id: u.email })),
    ...snapshot.users
      .filter((u) => curators.has(u.id))
      .map((u) => element('User', { guid: consensusUserGuid(u.id), name: `Consensus (curated by ${u.name})` })),
  ];

  const attributeCodes = (a: ExportAnnotation) =>
    snapshot.attributes.flatMap((attribute) => {
      const value = a.attributes[attribute.key];
      const optionId = value === undefined ? undefined : optionIds.get(attribute.key)?.get(value);
      return optionId === undefined ? [] : [optionId];
    });
  const groupsByDocument = groupSelections(ordered);
  const categoryCodingGuid = (a: ExportAnnotation) => a.codingId ?? codingGuid(a.id, a.categoryId);
  // The GUID of each annotation's note: in a selection of several annotations it derives from the
  // annotation's Coding, which holds its NoteRef (see the header); otherwise from the selection's
  // GUID, which is what the reader derives it from. That GUID is the other tool's when the passage
  // was imported (its selectionId), not the annotation's id: deriving the note's from the id made
  // a re-imported QualCoder note come back as a comment beside itself.
  const noteGuids = new Map<string, string>();
  for (const groups of groupsByDocument.values()) {
    for (const { guid, annotations: grouped } of groups) {
      for (const a of grouped) noteGuids.set(a.id, grouped.length > 1 ? codingNoteGuid(categoryCodingGuid(a)) : annotationNoteGuid(guid));
    }
  }
  const noteGuidOf = (a: ExportAnnotation) => noteGuids.get(a.id) ?? annotationNoteGuid(a.id);
  const noteRefsOf = (a: ExportAnnotation) => [...(a.note !== '' ? [noteGuidOf(a)] : []), ...(commentsByAnnotation.get(a.id) ?? []).map((c) => c.id)];

  const usedVariables = new Set<MetadataKey>();
  const sources = snapshot.documents.map((document, documentIndex) => {
    const points = new CodePointIndex(document.text);
    const selections = (groupsByDocument.get(document.id) ?? []).map(({ guid, annotations: grouped }) => {
      const first = grouped[0]!;
      const creator = creatorGuid(first);
      const notes = grouped.map((a) => a.note).filter((note) => note !== '');
      const several = grouped.length > 1;
      const codings = grouped.flatMap((a) => [
        { guid: categoryCodingGuid(a), code: a.categoryId, at: a.createdAt, noteRefs: several ? noteRefsOf(a) : [] },
        ...attributeCodes(a).map((code) => ({ guid: codingGuid(a.id, code), code, at: a.createdAt, noteRefs: [] as string[] })),
      ]);
      return element(
        'PlainTextSelection',
        {
          guid,
          name: selectionName(first.quote),
          startPosition: points.toPoints(first.start),
          endPosition: points.toPoints(first.end),
          creatingUser: creator,
          creationDateTime: earliest(grouped.map((a) => a.createdAt)),
          modifiedDateTime: latest(grouped.map((a) => a.updatedAt)),
        },
        [
          notes.length > 0 && textElement('Description', notes.join('\n\n')),
          ...codings.map((coding) =>
            element('Coding', { guid: coding.guid, creatingUser: creator, creationDateTime: coding.at }, [
              element('CodeRef', { targetGUID: coding.code }),
              ...coding.noteRefs.map((ref) => element('NoteRef', { targetGUID: ref })),
            ]),
          ),
          ...(several ? [] : noteRefsOf(first)).map((ref) => element('NoteRef', { targetGUID: ref })),
        ],
      );
    });
    const values: Record<MetadataKey, string | null> = {
      title: document.title,
      author: document.author,
      authorAffiliation: document.authorAffiliation,
      outlet: document.outlet,
      publishedOn: document.publishedOn,
      sourceUrl: document.sourceUrl,
      sourceName: document.sourceName,
      contentHash: document.contentHash,
      blocks: formatBlocks(document.blocks, points),
    };
    const variableValues = qdpxVariables.flatMap(({ key, type }) => {
      const value = values[key];
      if (value === null) return [];
      usedVariables.add(key);
      return [
        element('VariableValue', {}, [
          element('VariableRef', { targetGUID: variableGuid(key) }),
          textElement(type === 'Date' ? 'DateValue' : 'TextValue', value),
        ]),
      ];
    });
    const description = sourceDescription(document);
    return element(
      'TextSource',
      {
        guid: document.id,
        name: documentName(document, documentIndex),
        plainTextPath: `internal://${document.id}.txt`,
        creationDateTime: document.createdAt,
      },
      [
        description !== null && textElement('Description', description),
        ...selections,
        ...snapshot.memos.filter((m) => m.documentId === document.id).map((m) => element('NoteRef', { targetGUID: m.id })),
        ...(annotationsByDocument.get(document.id) ?? []).filter((a) => a.orphaned === true).map((a) => element('NoteRef', { targetGUID: a.id })),
        ...variableValues,
      ],
    );
  });

  const documentNames = new Map(snapshot.documents.map((d, i) => [d.id, documentName(d, i)]));
  const coderName = (a: ExportAnnotation) => (a.layer === 'CONSENSUS' ? `Consensus (curated by ${userName(a.annotatorId)})` : userName(a.annotatorId));
  const unplacedNote = (a: ExportAnnotation): XmlNode => {
    const body = formatUnplacedNote(
      {
        categoryId: a.categoryId,
        layer: a.layer === 'CONSENSUS' ? 'consensus' : 'annotator',
        annotatorId: a.annotatorId,
        attributes: a.attributes,
        quote: a.quote,
        note: a.note,
        prefix: a.prefix,
        suffix: a.suffix,
        start: a.start,
        end: a.end,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        ...(a.selectionId !== undefined ? { selectionId: a.selectionId } : {}),
        ...(a.codingId !== undefined ? { codingId: a.codingId } : {}),
      },
      {
        categoryPath: index.categories.get(a.categoryId)?.path ?? a.categoryId,
        attributeLines: snapshot.attributes.flatMap((attribute) => {
          const value = a.attributes[attribute.key];
          const option = attribute.options.find((o) => o.value === value);
          return option ? [`${attribute.name}: ${option.label}`] : [];
        }),
        coderName: coderName(a),
      },
    );
    return noteElement(
      a.id,
      `Unplaced passage: “${selectionName(a.quote)}”`,
      body,
      { creatingUser: creatorGuid(a), creationDateTime: a.createdAt, modifiedDateTime: a.updatedAt },
      (commentsByAnnotation.get(a.id) ?? []).map((c) => c.id),
    );
  };
  const notes = [
    ...ordered.flatMap((a) => [
      ...(a.orphaned === true ? [unplacedNote(a)] : []),
      ...(a.note !== '' && a.orphaned !== true
        ? [
            noteElement(noteGuidOf(a), `Note on “${selectionName(a.quote)}”`, a.note, {
              creatingUser: a.annotatorId,
              creationDateTime: a.createdAt,
              modifiedDateTime: a.updatedAt,
            }),
          ]
        : []),
      ...(commentsByAnnotation.get(a.id) ?? []).map((c) =>
        noteElement(c.id, `Comment by ${userName(c.authorId)}`, c.body, {
          creatingUser: c.authorId,
          creationDateTime: c.createdAt,
          modifiedDateTime: c.editedAt,
        }),
      ),
    ]),
    ...snapshot.memos.map((m) =>
      noteElement(m.id, m.documentId === null ? 'Project memo' : `Memo on ${documentNames.get(m.documentId) ?? 'a document'}`, m.body, {
        creatingUser: m.authorId,
        modifiedDateTime: m.updatedAt,
      }),
    ),
  ];

  const codes = renderCodes(snapshot.categories, snapshot.attributes);
  // Members the export does not hold (a document left out of it) are not written: a MemberSource
  // or MemberCode must name an element of the file.
  const setOf = (group: ExportGroup, member: 'MemberSource' | 'MemberCode', known: ReadonlySet<string>) =>
    element('Set', { guid: group.id, name: group.name }, [
      group.description !== '' && textElement('Description', group.description),
      ...group.memberIds.filter((id) => known.has(id)).map((id) => element(member, { targetGUID: id })),
    ]);
  const documentIds = new Set(snapshot.documents.map((d) => d.id));
  const categoryIds = new Set(snapshot.categories.map((c) => c.id));
  const sets = [
    ...(snapshot.documentGroups ?? []).map((g) => setOf(g, 'MemberSource', documentIds)),
    ...(snapshot.categoryGroups ?? []).map((g) => setOf(g, 'MemberCode', categoryIds)),
  ];
  const usedVariableList = qdpxVariables.filter((v) => usedVariables.has(v.key));
  const root = element(
    'Project',
    {
      xmlns: qdpxNamespace,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': qdpxSchemaLocation,
      name: snapshot.project.name,
      origin: 'Parallax',
      creatingUserGUID: snapshot.exportedBy,
      creationDateTime: snapshot.exportedAt,
    },
    [
      users.length > 0 && element('Users', {}, users),
      codes.length > 0 && element('CodeBook', {}, [element('Codes', {}, codes)]),
      usedVariableList.length > 0 &&
        element(
          'Variables',
          {},
          usedVariableList.map((v) =>
            element('Variable', { guid: variableGuid(v.key), name: v.name, typeOfVariable: v.type }, [textElement('Description', v.description)]),
          ),
        ),
      sources.length > 0 && element('Sources', {}, sources),
      notes.length > 0 && element('Notes', {}, notes),
      sets.length > 0 && element('Sets', {}, sets),
      snapshot.project.description !== '' && textElement('Description', snapshot.project.description),
      ...snapshot.memos.filter((m) => m.documentId === null).map((m) => element('NoteRef', { targetGUID: m.id })),
    ],
  );
  return renderXml(root);
}

/** Zip entries get the export time (DOS times start in 1980), so the same snapshot gives the same bytes. */
function zipTime(exportedAt: string): Date {
  const time = Date.parse(exportedAt);
  const earliest = Date.UTC(1980, 0, 2);
  return new Date(Number.isNaN(time) || time < earliest ? earliest : time);
}

export function toQdpx(snapshot: ExportSnapshot): Uint8Array {
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = { 'project.qde': encoder.encode(buildProjectXml(snapshot)) };
  for (const document of snapshot.documents) files[`Sources/${document.id}.txt`] = encoder.encode(document.text);
  return zipSync(files, { level: 6, mtime: zipTime(snapshot.exportedAt) });
}
