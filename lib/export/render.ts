// Pure: one export snapshot to the bytes of a file in the chosen format, with its MIME type and a
// file extension. The report formats go through the report model; the data formats through their
// exporters (the REFI-QDA ones with the GUIDs an import kept, see withExternalGuids). Fonts are passed in (the caller reads them from npm's @fontsource packages).
import { toCsv } from './csv';
import { buildReportModel } from './report-model';
import { renderReportHtml } from './report-html';
import { renderReportPdf, type ReportFonts } from './report-pdf';
import { toQdc } from './qdc';
import { toQdpx } from './qdpx';
import { withExternalGuids } from './snapshot';
import type { ExportSnapshot } from './types';
import { toW3C } from './w3c';

export type RenderFormat = 'html' | 'pdf' | 'csv' | 'w3c' | 'qdpx' | 'qdc';

export type RenderedFile = { bytes: Uint8Array; contentType: string; extension: string };

const encoder = new TextEncoder();

export async function renderExport(
  snapshot: ExportSnapshot,
  format: RenderFormat,
  options: { fonts?: () => ReportFonts; onProgress?: (done: number, total: number) => void } = {},
): Promise<RenderedFile> {
  switch (format) {
    case 'html':
      return { bytes: encoder.encode(renderReportHtml(buildReportModel(snapshot))), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'pdf': {
      if (!options.fonts) throw new Error('a PDF report needs its fonts');
      return { bytes: await renderReportPdf(buildReportModel(snapshot), options.fonts(), options.onProgress), contentType: 'application/pdf', extension: 'pdf' };
    }
    case 'csv':
      return { bytes: encoder.encode(toCsv(snapshot)), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'w3c':
      return { bytes: encoder.encode(JSON.stringify(toW3C(snapshot), null, 2)), contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld' };
    case 'qdpx':
      return { bytes: toQdpx(withExternalGuids(snapshot)), contentType: 'application/zip', extension: 'qdpx' };
    case 'qdc':
      return { bytes: encoder.encode(toQdc(withExternalGuids(snapshot))), contentType: 'application/xml; charset=utf-8', extension: 'qdc' };
  }
}

/** "pak-afghan-talks-2025-report-2026-11-28.pdf" */
export function exportFileName(slug: string, format: RenderFormat, exportedAt: string, extension: string): string {
  const kind = format === 'html' || format === 'pdf' ? 'report' : format === 'csv' ? 'annotations' : format === 'w3c' ? 'annotations-w3c' : format === 'qdc' ? 'codebook' : 'project';
  return `${slug}-${kind}-${exportedAt.slice(0, 10)}.${extension}`;
}
