// Exporters and importers for a project snapshot (types.ts). Pure: no database, React or Next;
// lib/data builds the snapshot and stores what an importer returns.
export type * from './types';
export { ImportError, isImportError } from './errors';
export { toCsv } from './csv';
export { toW3C, fromW3C, annoContext, parallaxVocabulary } from './w3c';
export type { W3CExport, W3CAnnotation, W3CAnnotationPage, W3CCodingAnnotation, W3CReplyAnnotation, W3CMemoAnnotation } from './w3c';
export { toQdpx, qdpxNamespace } from './qdpx';
export { fromQdpx } from './qdpx-import';
export { toQdc, fromQdc, qdcNamespace } from './qdc';
export { buildReportModel, type ReportModel } from './report-model';
export { renderReportHtml } from './report-html';
export { renderReportPdf, type ReportFonts } from './report-pdf';
export { exportFileName, renderExport, type RenderedFile, type RenderFormat } from './render';
