// The codebook alone as a REFI-QDA codebook exchange file (.qdc): QDA-XML 1.0, namespace
// urn:QDA-XML:codebook:1.0, root CodeBook (Codebook-mrt2019.xsd). Categories and attributes are
// mapped as described in qda-codes.ts.
import { z } from 'zod';
import { ImportError, importErrorFromIssues } from './errors';
import { normalizeGuid } from './guid';
import { NotImportedList, type NotImported } from './import-summary';
import { readCodes, renderCodes } from './qda-codes';
import type { ExportAttribute, ExportCategory, ExportGroup, ExportSnapshot } from './types';
import { element, parseXmlDocument, renderXml } from './xml';

export const qdcNamespace = 'urn:QDA-XML:codebook:1.0';
const schemaLocation = `${qdcNamespace} http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd`;

/** The snapshot's codebook as .qdc XML. Throws when there is nothing to export: the format needs a code. */
export function toQdc(snapshot: Pick<ExportSnapshot, 'categories' | 'attributes'>): string {
  const codes = renderCodes(snapshot.categories, snapshot.attributes);
  if (codes.length === 0) throw new Error('the codebook has no categories or attributes: a REFI-QDA codebook needs at least one code');
  return renderXml(
    element(
      'CodeBook',
      { xmlns: qdcNamespace, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': schemaLocation, origin: 'Parallax' },
      [element('Codes', {}, codes)],
    ),
  );
}

const repeated = new Set(['Code', 'Set', 'MemberCode', 'MemberSource', 'MemberNote']);

/** urn:QDA-XML:codebook:1.0 and the variants tools write (ATLAS.ti 23.4 …:0:4, NVivo for Mac …:1:0). */
const codebookNamespace = /^urn:QDA-XML:codebook:\d+[.:]\d+$/i;

const setSchema = z.object({
  guid: z.string(),
  name: z.string(),
  Description: z.string().optional(),
  // CodeRefType names its code in targetGUID; ATLAS.ti 23.4 writes guid="…" instead (a real file
  // RE-QDA/requal tests with), so either is read.
  MemberCode: z
    .array(
      z
        .object({ targetGUID: z.string().optional(), guid: z.string().optional() })
        .refine((m) => m.targetGUID !== undefined || m.guid !== undefined, { message: 'targetGUID is missing', path: ['targetGUID'] })
        .transform((m) => ({ targetGUID: (m.targetGUID ?? m.guid)! })),
    )
    .optional(),
  MemberSource: z.array(z.unknown()).optional(),
  MemberNote: z.array(z.unknown()).optional(),
});

export type ReadCodebookFile = {
  categories: ExportCategory[];
  attributes: ExportAttribute[];
  /** Code sets (ATLAS.ti code groups), as category groups. */
  categoryGroups: ExportGroup[];
  origin: string | null;
  notImported: NotImported[];
};

export function fromQdc(xml: string): ReadCodebookFile {
  const what = 'the codebook file';
  const root = parseXmlDocument(xml, { root: 'CodeBook', namespace: codebookNamespace, namespaceLabel: `"${qdcNamespace}"`, what, arrays: repeated, namespaceOptional: true });
  const codesElement = root.Codes;
  if (codesElement === null || typeof codesElement !== 'object' || !Array.isArray((codesElement as Record<string, unknown>).Code)) {
    throw new ImportError(`${what} has no <Codes> with at least one <Code>`);
  }
  const { categories, attributes } = readCodes((codesElement as { Code: unknown[] }).Code, what, { keepGuidSpelling: true });
  const notImported = new NotImportedList();
  const categoryByKey = new Map(categories.map((c) => [normalizeGuid(c.id) ?? c.id, c.id]));
  const categoryGroups: ExportGroup[] = [];
  const sets = (root.Sets as { Set?: unknown } | undefined)?.Set;
  for (const [i, raw] of (Array.isArray(sets) ? sets : []).entries()) {
    const parsed = setSchema.safeParse(raw);
    if (!parsed.success) throw importErrorFromIssues(`${what}: Sets › Set ${i + 1}`, parsed.error.issues, raw);
    const set = parsed.data;
    const members = (set.MemberCode ?? []).map((m) => categoryByKey.get(normalizeGuid(m.targetGUID) ?? '')).filter((id): id is string => id !== undefined);
    const missing = (set.MemberCode?.length ?? 0) - members.length;
    if (missing > 0) notImported.add('set members', 'they are not categories of the codebook', set.name, missing);
    if ((set.MemberSource?.length ?? 0) + (set.MemberNote?.length ?? 0) > 0) notImported.add('sources and notes in sets', 'a codebook file carries codes only', set.name);
    categoryGroups.push({ id: set.guid.trim(), name: set.name, description: set.Description ?? '', memberIds: [...new Set(members)] });
  }
  const origin = typeof root.origin === 'string' && root.origin.trim() !== '' ? root.origin.trim() : null;
  return { categories, attributes, categoryGroups, origin, notImported: notImported.list() };
}
