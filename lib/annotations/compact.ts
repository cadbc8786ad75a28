// A compact, column-wise form of a document's annotations for the annotation view. A page with
// 10,000 annotations would otherwise ship ~860 bytes per annotation (quote, context, names,
// colours and timestamps repeated on every row); here each annotation costs its id and a few small
// numbers, and everything else is rebuilt in the browser from the text, the codebook and a short
// annotator list. Pure: used by lib/data to encode and by the workspace to decode.

export type ViewLayer = 'ANNOTATOR' | 'CONSENSUS';

/** What the annotation view needs of an annotation. */
export type ViewAnnotation = {
  id: string;
  start: number;
  end: number;
  quote: string;
  categoryId: string;
  categoryName: string;
  categoryPath?: string;
  color: string;
  annotatorId: string;
  annotatorName: string;
  layer: ViewLayer;
  note: string;
  attributes: Record<string, string>;
  version: number;
  orphaned: boolean;
};

export type CompactAnnotations = {
  annotators: { id: string; name: string }[];
  categoryIds: string[];
  id: string[];
  start: number[];
  end: number[];
  /** Index into categoryIds. */
  category: number[];
  /** Index into annotators. */
  annotator: number[];
  /** 1 for the consensus layer. */
  consensus: number[];
  version: number[];
  /** Row indexes of orphaned annotations. */
  orphaned: number[];
  /** [row, note] for rows with a note. */
  notes: [number, string][];
  /** [row, attribute key, option value]. */
  attributes: [number, string, string][];
};

export type EncodableRow = {
  id: string;
  start: number;
  end: number;
  categoryId: string;
  annotatorId: string;
  layer: ViewLayer;
  note: string;
  version: number;
  orphaned: boolean;
};

export function encodeAnnotations(
  rows: readonly EncodableRow[],
  attributes: readonly { annotationId: string; key: string; value: string }[],
  annotatorNames: ReadonlyMap<string, string>,
): CompactAnnotations {
  const categoryIndex = new Map<string, number>();
  const annotatorIndex = new Map<string, number>();
  const rowIndex = new Map<string, number>();
  const out: CompactAnnotations = {
    annotators: [], categoryIds: [], id: [], start: [], end: [], category: [], annotator: [], consensus: [], version: [],
    orphaned: [], notes: [], attributes: [],
  };
  rows.forEach((r, i) => {
    let c = categoryIndex.get(r.categoryId);
    if (c === undefined) {
      c = out.categoryIds.push(r.categoryId) - 1;
      categoryIndex.set(r.categoryId, c);
    }
    let a = annotatorIndex.get(r.annotatorId);
    if (a === undefined) {
      a = out.annotators.push({ id: r.annotatorId, name: annotatorNames.get(r.annotatorId) ?? '' }) - 1;
      annotatorIndex.set(r.annotatorId, a);
    }
    rowIndex.set(r.id, i);
    out.id.push(r.id);
    out.start.push(r.start);
    out.end.push(r.end);
    out.category.push(c);
    out.annotator.push(a);
    out.consensus.push(r.layer === 'CONSENSUS' ? 1 : 0);
    out.version.push(r.version);
    if (r.orphaned) out.orphaned.push(i);
    if (r.note) out.notes.push([i, r.note]);
  });
  for (const a of attributes) {
    const i = rowIndex.get(a.annotationId);
    if (i !== undefined) out.attributes.push([i, a.key, a.value]);
  }
  return out;
}

export function decodeAnnotations(
  data: CompactAnnotations,
  text: string,
  categories: ReadonlyMap<string, { name: string; path?: string; color: string }>,
): ViewAnnotation[] {
  const notes = new Map(data.notes);
  const orphaned = new Set(data.orphaned);
  const attributes = new Map<number, Record<string, string>>();
  for (const [i, key, value] of data.attributes) {
    const record = attributes.get(i) ?? {};
    record[key] = value;
    attributes.set(i, record);
  }
  return data.id.map((id, i) => {
    const categoryId = data.categoryIds[data.category[i]!]!;
    const category = categories.get(categoryId);
    const annotator = data.annotators[data.annotator[i]!]!;
    const start = data.start[i]!;
    const end = data.end[i]!;
    return {
      id,
      start,
      end,
      quote: text.slice(start, end),
      categoryId,
      categoryName: category?.name ?? '',
      categoryPath: category?.path,
      color: category?.color ?? '#78716c',
      annotatorId: annotator.id,
      annotatorName: annotator.name,
      layer: data.consensus[i] ? 'CONSENSUS' : 'ANNOTATOR',
      note: notes.get(i) ?? '',
      attributes: attributes.get(i) ?? {},
      version: data.version[i]!,
      orphaned: orphaned.has(i),
    };
  });
}
