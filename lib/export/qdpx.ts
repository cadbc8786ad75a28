// A project as a REFI-QDA project file (.qdpx): a zip holding `project.qde` (QDA-XML 1.0,
// namespace urn:QDA-XML:project:1.0, checked against Project-mrt2019.xsd) and one UTF-8 plain-text
// file per document, `sources/<guid>.txt`, named in the XML as plainTextPath="internal://<guid>.txt".
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
// - PlainTextSelection: guid = annotation id, name = the start of the quote, start/endPosition,
//   creatingUser, creationDateTime = createdAt, modifiedDateTime = updatedAt; a Coding with the
//   category's code, then one per attribute value; NoteRefs to its note and its comments.
// - Positions: QDA-XML counts characters (Unicode code points) of the plain text; Parallax counts
//   UTF-16 code units. Both directions convert (code-points.ts), so an emoji is one character in
//   the file. Prefix and suffix are not stored: the importer recomputes them from the text with
//   lib/anchoring's describeSpan, as Parallax does when an annotation is made.
// - Notes/Note (PlainTextContent inline): an annotation's note (GUID derived from the annotation
//   id, so it is told apart from comments), each comment (guid = comment id, creatingUser = author,
//   creationDateTime = createdAt, modifiedDateTime = editedAt when edited), each memo (guid = memo
//   id, modifiedDateTime = updatedAt). A document memo is a NoteRef of its TextSource, a project
//   memo a NoteRef of the Project.
// - Project: name, origin "Parallax", creationDateTime = exportedAt, creatingUserGUID = exportedBy
//   (when given), Description = the project's description.
// - Not carried: the project's id and slug and the app's baseUrl (an import makes a new project;
//   fromQdpx returns an empty id and baseUrl and a slug of the name), and category positions other
//   than their order (they come back as 0, 1, 2 … among siblings).
//
// Files from other tools import too: a selection coded with several categories becomes one
// annotation per category, a selection with no category (QDA tools allow bare quotations) is
// skipped because a Parallax annotation needs one, notes on a selection become comments, notes
// referenced from nowhere become project memos, and a text without block structure gets one
// paragraph per line. What cannot be imported faithfully is refused with an ImportError naming it.
import { zipSync } from 'fflate';
import { CodePointIndex } from './code-points';
import { renderCodes } from './qda-codes';
import { annotationNoteGuid, codingGuid, consensusUserGuid, qdpxNamespace, qdpxSchemaLocation, qdpxVariables, variableGuid, type MetadataKey } from './qdpx-shared';
import { documentName, indexSnapshot } from './snapshot';
import type { ExportAnnotation, ExportBlock, ExportComment, ExportDocument, ExportSnapshot } from './types';
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
    [textElement('PlainTextContent', body)],
  );
}

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

  const usedVariables = new Set<MetadataKey>();
  const sources = snapshot.documents.map((document, documentIndex) => {
    const points = new CodePointIndex(document.text);
    const selections = (annotationsByDocument.get(document.id) ?? []).map((a) => {
      const creator = creatorGuid(a);
      const codes = [
        a.categoryId,
        ...snapshot.attributes.flatMap((attribute) => {
          const value = a.attributes[attribute.key];
          const optionId = value === undefined ? undefined : optionIds.get(attribute.key)?.get(value);
          return optionId === undefined ? [] : [optionId];
        }),
      ];
      const notes = [...(a.note !== '' ? [annotationNoteGuid(a.id)] : []), ...(commentsByAnnotation.get(a.id) ?? []).map((c) => c.id)];
      return element(
        'PlainTextSelection',
        {
          guid: a.id,
          name: selectionName(a.quote),
          startPosition: points.toPoints(a.start),
          endPosition: points.toPoints(a.end),
          creatingUser: creator,
          creationDateTime: a.createdAt,
          modifiedDateTime: a.updatedAt,
        },
        [
          ...codes.map((code) =>
            element('Coding', { guid: codingGuid(a.id, code), creatingUser: creator, creationDateTime: a.createdAt }, [
              element('CodeRef', { targetGUID: code }),
            ]),
          ),
          ...notes.map((guid) => element('NoteRef', { targetGUID: guid })),
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
        ...variableValues,
      ],
    );
  });

  const documentNames = new Map(snapshot.documents.map((d, i) => [d.id, documentName(d, i)]));
  const notes = [
    ...ordered.flatMap((a) => [
      ...(a.note !== ''
        ? [
            noteElement(annotationNoteGuid(a.id), `Note on “${selectionName(a.quote)}”`, a.note, {
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
  for (const document of snapshot.documents) files[`sources/${document.id}.txt`] = encoder.encode(document.text);
  return zipSync(files, { level: 6, mtime: zipTime(snapshot.exportedAt) });
}
