// What the REFI-QDA project writer (qdpx.ts) and reader (qdpx-import.ts) must agree on: the
// namespace, the metadata variables, and the name-based GUIDs of elements Parallax has no id for.
import { deriveGuid, normalizeGuid } from './guid';
export const qdpxNamespace = 'urn:QDA-XML:project:1.0';
export const qdpxSchemaLocation = `${qdpxNamespace} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd`;

export type MetadataKey = 'title' | 'author' | 'authorAffiliation' | 'outlet' | 'publishedOn' | 'sourceUrl' | 'sourceName' | 'contentHash' | 'blocks';

export const qdpxVariables: { key: MetadataKey; name: string; type: 'Text' | 'Date'; description: string }[] = [
  { key: 'title', name: 'Title', type: 'Text', description: 'The title the source states.' },
  { key: 'author', name: 'Author', type: 'Text', description: 'The author the source names.' },
  { key: 'authorAffiliation', name: 'Author affiliation', type: 'Text', description: 'The author’s affiliation as the source gives it.' },
  { key: 'outlet', name: 'Outlet', type: 'Text', description: 'The publication the source appeared in.' },
  { key: 'publishedOn', name: 'Published on', type: 'Date', description: 'The publication date.' },
  { key: 'sourceUrl', name: 'Source URL', type: 'Text', description: 'Where the source was published.' },
  { key: 'sourceName', name: 'Source file', type: 'Text', description: 'The file the text was imported from.' },
  { key: 'contentHash', name: 'Content SHA-256', type: 'Text', description: 'SHA-256 of the plain text (UTF-8), hex.' },
  {
    key: 'blocks',
    name: 'Parallax block structure',
    type: 'Text',
    description: 'Headings and paragraphs of the text, one per line: "h2 0-34" (heading level 2), "p 36-210" (paragraph); character offsets, end exclusive.',
  },
];
export const variableGuid = (key: MetadataKey) => deriveGuid(`variable:${key}`);
export const consensusUserGuid = (curatorId: string) => deriveGuid(`consensus-user:${curatorId}`);
export const annotationNoteGuid = (annotationId: string) => deriveGuid(`annotation-note:${annotationId}`);
export const codingGuid = (annotationId: string, codeGuid: string) => deriveGuid(`coding:${annotationId}:${codeGuid}`);

/**
 * The Note of one annotation of a selection coded with several codes: referenced from that
 * annotation's own Coding, and derived from the Coding's GUID (which the reader keeps as codingId),
 * so the reader gives it back to that annotation and no other.
 */
export const codingNoteGuid = (codingGuid: string) => deriveGuid(`coding-note:${normalizeGuid(codingGuid) ?? codingGuid.trim().toLowerCase()}`);
