// The one shape every exporter reads and every importer produces: a plain, serialisable snapshot
// of a project (or of the part of it being exported). Pure: lib/data builds it from the database
// for the actor (so blind coding decides what goes in), the exporters in this folder turn it into
// files, and the importers turn files back into it for lib/data to store in one transaction.
//
// Offsets are UTF-16 code units into `text`, end exclusive, as everywhere in Parallax.

import type { ContentRange } from '@/lib/corpus/canonical';
import type { ArticleMetadata } from '@/lib/corpus/types';

export type ExportBlock = ContentRange;

/**
 * `guid`, on the entities below, is the element's GUID in the tool the project was imported from,
 * when it came from one: REFI-QDA exports write it instead of the id (withExternalGuids), so the
 * other tool gets its own identities back. Other formats use the ids.
 */
export type ExportUser = { id: string; name: string; email?: string; guid?: string };

export type ExportCategory = {
  id: string;
  parentId: string | null;
  name: string;
  /** Names from the root down joined with " / ", e.g. "Security / TTP sanctuary". */
  path: string;
  description: string;
  color: string; // #rrggbb
  position: number;
  guid?: string;
};

export type ExportAttribute = {
  id: string;
  /** Stable machine name, e.g. "blame-target". */
  key: string;
  name: string;
  description: string;
  options: { id: string; value: string; label: string; guid?: string }[];
  guid?: string;
};

/** Metadata are null where the source states none: never invented. */
export type ExportDocument = ArticleMetadata & {
  id: string;
  /** The file it came from, when there was one. */
  sourceName: string | null;
  /** The first words of the text, where no title is stated (a database-generated label; absent in files). */
  label?: string | null;
  /** The canonical plain text every offset points into. */
  text: string;
  blocks: ExportBlock[];
  /** SHA-256 of `text`, hex. */
  contentHash: string;
  createdAt: string; // ISO 8601
  guid?: string;
};

export type ExportAnnotation = {
  id: string;
  documentId: string;
  /** ANNOTATOR: one annotator's layer; CONSENSUS: the curated consensus (annotatorId = the curator). */
  layer: 'ANNOTATOR' | 'CONSENSUS';
  annotatorId: string;
  categoryId: string;
  start: number;
  end: number;
  /** text.slice(start, end) */
  quote: string;
  /** Up to 32 characters before and after, as stored (W3C TextQuoteSelector prefix/suffix). */
  prefix: string;
  suffix: string;
  note: string;
  /** Attribute key → option value, e.g. { "blame-target": "pakistan" }. */
  attributes: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /**
   * Left unplaced by a text correction (see Annotation.orphaned): `start`/`end` are where it last
   * was and may no longer hold `quote`; `quote` is its last known text. Exporters must not present
   * it as a passage at those offsets, and importers give it back as orphaned.
   */
  orphaned?: boolean;
  /**
   * The GUID of the coded selection this annotation came from in another tool (REFI-QDA
   * PlainTextSelection), shared by every annotation made from one selection that was coded with
   * several codes. A REFI-QDA export writes one selection per selectionId, so the other tool's
   * identities survive a round trip. Absent: the selection's GUID is the annotation's id.
   */
  selectionId?: string;
  /** The GUID of the other tool's Coding that gave this annotation its category, when known. */
  codingId?: string;
};

export type ExportComment = { id: string; annotationId: string; authorId: string; body: string; createdAt: string; editedAt: string | null; guid?: string };

/** An analyst memo: on one document, or (documentId null) on the whole comparison. */
export type ExportMemo = { id: string; documentId: string | null; body: string; authorId: string; updatedAt: string; guid?: string };

/**
 * A named set of documents or of categories (REFI-QDA <Set>: MAXQDA document groups, NVivo sets,
 * ATLAS.ti code groups). `memberIds` are document ids or category ids of the same snapshot.
 */
export type ExportGroup = { id: string; name: string; description: string; memberIds: string[]; guid?: string };

export type ExportSnapshot = {
  exportedAt: string;
  /** Where the app runs, for the IRIs of exported resources, e.g. "http://localhost:3000". */
  baseUrl: string;
  /**
   * The user who made the export (one of `users`), when known: REFI-QDA's creatingUserGUID of the
   * project and the W3C collection's creator.
   */
  exportedBy?: string;
  project: { id: string; slug: string; name: string; description: string; /** The research question; absent in files written before it existed. */ question?: string };
  users: ExportUser[];
  categories: ExportCategory[];
  attributes: ExportAttribute[];
  documents: ExportDocument[];
  annotations: ExportAnnotation[];
  comments: ExportComment[];
  memos: ExportMemo[];
  documentGroups?: ExportGroup[];
  categoryGroups?: ExportGroup[];
  /**
   * Parts of a report the exporter may not see on the pages, with why (lib/permissions.ts decides,
   * as it does for the pages): a report leaves them out and says so.
   */
  withheld?: { agreement?: string };
};
