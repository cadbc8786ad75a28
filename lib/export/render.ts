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
import { fileFormats, type FormatId } from './formats';

export type RenderFormat = FormatId;

export type RenderedFile = { bytes: Uint8Array; contentType: string; extension: string };

const encoder = new TextEncoder();

type RenderOptions = { fonts?: () => ReportFonts; onProgress?: (done: number, total: number) => void };

/** Each format's writer (its name, type and extension are in formats.ts); every format must have one. */
const writers: Record<FormatId, (snapshot: ExportSnapshot, options: RenderOptions) => Uint8Array | Promise<Uint8Array>> = {
  html: (snapshot) => encoder.encode(renderReportHtml(buildReportModel(snapshot))),
  pdf: (snapshot, options) => {
    if (!options.fonts) throw new Error('a PDF report needs its fonts');
    return renderReportPdf(buildReportModel(snapshot), options.fonts(), options.onProgress);
  },
  csv: (snapshot) => encoder.encode(toCsv(snapshot)),
  w3c: (snapshot) => encoder.encode(JSON.stringify(toW3C(snapshot), null, 2)),
  qdpx: (snapshot) => toQdpx(withExternalGuids(snapshot)),
  qdc: (snapshot) => encoder.encode(toQdc(withExternalGuids(snapshot))),
};

export async function renderExport(snapshot: ExportSnapshot, format: RenderFormat, options: RenderOptions = {}): Promise<RenderedFile> {
  const { contentType, extension } = fileFormats[format];
  return { bytes: await writers[format](snapshot, options), contentType, extension };
}

/** "pak-afghan-talks-2025-report-2026-11-28.pdf" */
export function exportFileName(slug: string, format: RenderFormat, exportedAt: string, extension: string): string {
  return `${slug}-${fileFormats[format].fileKind}-${exportedAt.slice(0, 10)}.${extension}`;
}
