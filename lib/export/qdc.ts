// The codebook alone as a REFI-QDA codebook exchange file (.qdc): QDA-XML 1.0, namespace
// urn:QDA-XML:codebook:1.0, root CodeBook (Codebook-mrt2019.xsd). Categories and attributes are
// mapped as described in qda-codes.ts.
import { ImportError } from './errors';
import { readCodes, renderCodes } from './qda-codes';
import type { ExportAttribute, ExportCategory, ExportSnapshot } from './types';
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

const repeated = new Set(['Code', 'Set', 'MemberCode']);

export function fromQdc(xml: string): { categories: ExportCategory[]; attributes: ExportAttribute[] } {
  const what = 'the codebook file';
  const root = parseXmlDocument(xml, { root: 'CodeBook', namespace: qdcNamespace, what, arrays: repeated });
  const codesElement = root.Codes;
  if (codesElement === null || typeof codesElement !== 'object' || !Array.isArray((codesElement as Record<string, unknown>).Code)) {
    throw new ImportError(`${what} has no <Codes> with at least one <Code>`);
  }
  const { categories, attributes } = readCodes((codesElement as { Code: unknown[] }).Code, what);
  return { categories, attributes };
}
