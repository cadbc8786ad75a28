// Helpers every exporter and importer shares: lookups over a snapshot (checked once, so a broken
// snapshot fails loudly instead of producing a file that points at nothing), category paths, and
// what an importer must compute for itself when a file does not carry it.
import { createHash } from 'node:crypto';
import type {
  ExportAnnotation,
  ExportAttribute,
  ExportBlock,
  ExportCategory,
  ExportDocument,
  ExportSnapshot,
  ExportUser,
} from './types';
import { ImportError } from './errors';

export type SnapshotIndex = {
  users: Map<string, ExportUser>;
  categories: Map<string, ExportCategory>;
  documents: Map<string, ExportDocument>;
  annotations: Map<string, ExportAnnotation>;
  attributesByKey: Map<string, ExportAttribute>;
};

/**
 * Lookups by id. Throws (a plain Error: this is a bug in whoever built the snapshot, not bad user
 * input) when an annotation, comment or memo points at something the snapshot does not contain.
 */
export function indexSnapshot(snapshot: ExportSnapshot): SnapshotIndex {
  const index: SnapshotIndex = {
    users: new Map(snapshot.users.map((u) => [u.id, u])),
    categories: new Map(snapshot.categories.map((c) => [c.id, c])),
    documents: new Map(snapshot.documents.map((d) => [d.id, d])),
    annotations: new Map(snapshot.annotations.map((a) => [a.id, a])),
    attributesByKey: new Map(snapshot.attributes.map((a) => [a.key, a])),
  };
  const missing = (what: string, id: string, owner: string) => new Error(`export snapshot: ${owner} refers to ${what} ${id}, which it does not contain`);
  for (const category of snapshot.categories) {
    if (category.parentId !== null && !index.categories.has(category.parentId)) throw missing('the parent category', category.parentId, `category ${category.id}`);
  }
  for (const a of snapshot.annotations) {
    const owner = `annotation ${a.id}`;
    if (!index.documents.has(a.documentId)) throw missing('the document', a.documentId, owner);
    if (!index.users.has(a.annotatorId)) throw missing('the user', a.annotatorId, owner);
    if (!index.categories.has(a.categoryId)) throw missing('the category', a.categoryId, owner);
    for (const [key, value] of Object.entries(a.attributes)) {
      const attribute = index.attributesByKey.get(key);
      if (!attribute) throw missing('the attribute', key, owner);
      if (!attribute.options.some((o) => o.value === value)) throw missing(`the option of ${key}`, value, owner);
    }
  }
  for (const c of snapshot.comments) {
    if (!index.annotations.has(c.annotationId)) throw missing('the annotation', c.annotationId, `comment ${c.id}`);
    if (!index.users.has(c.authorId)) throw missing('the user', c.authorId, `comment ${c.id}`);
  }
  for (const m of snapshot.memos) {
    if (m.documentId !== null && !index.documents.has(m.documentId)) throw missing('the document', m.documentId, `memo ${m.id}`);
    if (!index.users.has(m.authorId)) throw missing('the user', m.authorId, `memo ${m.id}`);
  }
  return index;
}

/** Categories grouped by parent (null = top level), each group in `position` order (stable). */
export function childrenByParent(categories: readonly ExportCategory[]): Map<string | null, ExportCategory[]> {
  const groups = new Map<string | null, ExportCategory[]>();
  for (const category of categories) {
    const group = groups.get(category.parentId);
    if (group) group.push(category);
    else groups.set(category.parentId, [category]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.position - b.position);
  return groups;
}

/**
 * Categories reordered so each comes after its parent (an importer creates rows in this order, so a
 * child's parent already has its new id). Throws an ImportError when a parent is missing or the
 * parents form a cycle: a file with such a tree cannot become a codebook.
 */
export function parentsFirst<T extends { id: string; parentId: string | null }>(categories: readonly T[]): T[] {
  const pending = [...categories];
  const placed = new Set<string | null>([null]);
  const ordered: T[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex((c) => placed.has(c.parentId));
    if (i < 0) throw new ImportError('the codebook has a category whose parent is missing or a cycle of parents.');
    const category = pending.splice(i, 1)[0]!;
    ordered.push(category);
    placed.add(category.id);
  }
  return ordered;
}

/** What a document is called where a format needs one name. */
export function documentName(document: ExportDocument, index: number): string {
  return document.title ?? document.sourceName ?? `Document ${index + 1}`;
}

/** SHA-256 of the text's UTF-8, hex: a document's contentHash. Node's native hash (an import hashes tens of megabytes). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}


/**
 * Blocks for a text that came without any (a file from another tool): one paragraph per line that
 * holds more than whitespace. Parallax texts separate blocks with a blank line, which this finds too.
 */
export function inferBlocks(text: string): ExportBlock[] {
  const blocks: ExportBlock[] = [];
  const line = /[^\n]+/g;
  for (let match = line.exec(text); match !== null; match = line.exec(text)) {
    if (match[0].trim() !== '') blocks.push({ type: 'paragraph', start: match.index, end: match.index + match[0].length });
  }
  return blocks;
}

/** Removes trailing slashes, so IRIs join as `${base}/annotations/…`. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/**
 * The snapshot with every id replaced by the GUID the other tool gave it (`guid`, kept from an
 * import), and every reference rewritten to match, for the REFI-QDA formats: a project that came
 * from NVivo goes back to NVivo with NVivo's identities. An id whose GUID is missing, or would be
 * used twice, stays as it is; annotations keep their ids (their selectionId and codingId already
 * carry the other tool's GUIDs).
 */
export function withExternalGuids(snapshot: ExportSnapshot): ExportSnapshot {
  const used = new Set<string>();
  const map = new Map<string, string>();
  const remap = <T extends { id: string; guid?: string }>(items: readonly T[] | undefined): void => {
    for (const item of items ?? []) {
      const guid = item.guid?.trim();
      const key = guid?.toLowerCase();
      if (guid && key && !used.has(key) && !map.has(item.id)) {
        used.add(key);
        map.set(item.id, guid);
      }
    }
  };
  remap(snapshot.users);
  remap(snapshot.categories);
  remap(snapshot.attributes);
  remap(snapshot.attributes.flatMap((a) => a.options));
  remap(snapshot.documents);
  remap(snapshot.comments);
  remap(snapshot.memos);
  remap(snapshot.documentGroups);
  remap(snapshot.categoryGroups);
  if (map.size === 0) return snapshot;
  const to = (id: string) => map.get(id) ?? id;
  const toNullable = (id: string | null) => (id === null ? null : to(id));
  return {
    ...snapshot,
    ...(snapshot.exportedBy !== undefined ? { exportedBy: to(snapshot.exportedBy) } : {}),
    users: snapshot.users.map((u) => ({ ...u, id: to(u.id) })),
    categories: snapshot.categories.map((c) => ({ ...c, id: to(c.id), parentId: toNullable(c.parentId) })),
    attributes: snapshot.attributes.map((a) => ({ ...a, id: to(a.id), options: a.options.map((o) => ({ ...o, id: to(o.id) })) })),
    documents: snapshot.documents.map((d) => ({ ...d, id: to(d.id) })),
    annotations: snapshot.annotations.map((a) => ({ ...a, documentId: to(a.documentId), annotatorId: to(a.annotatorId), categoryId: to(a.categoryId) })),
    comments: snapshot.comments.map((c) => ({ ...c, id: to(c.id), authorId: to(c.authorId) })),
    memos: snapshot.memos.map((m) => ({ ...m, id: to(m.id), documentId: toNullable(m.documentId), authorId: to(m.authorId) })),
    ...(snapshot.documentGroups ? { documentGroups: snapshot.documentGroups.map((g) => ({ ...g, id: to(g.id), memberIds: g.memberIds.map(to) })) } : {}),
    ...(snapshot.categoryGroups ? { categoryGroups: snapshot.categoryGroups.map((g) => ({ ...g, id: to(g.id), memberIds: g.memberIds.map(to) })) } : {}),
  };
}
