import 'server-only';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReportFonts } from '@/lib/export/report-pdf';

// The PDF report's fonts, embedded in every report: Inter and Source Serif 4 from npm's
// @fontsource packages (WOFF files, which PDFKit reads). Read once per process.

const files = {
  sans: '@fontsource/inter/files/inter-latin-400-normal.woff',
  sansBold: '@fontsource/inter/files/inter-latin-600-normal.woff',
  serif: '@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff',
  serifBold: '@fontsource/source-serif-4/files/source-serif-4-latin-600-normal.woff',
  serifItalic: '@fontsource/source-serif-4/files/source-serif-4-latin-400-italic.woff',
} as const;

let cached: ReportFonts | null = null;

function locate(specifier: string): string {
  // Resolved like a module where possible; a bundled server may not resolve from its chunk, so the
  // project's node_modules is the fallback.
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return path.join(process.cwd(), 'node_modules', specifier);
  }
}

export function reportFonts(): ReportFonts {
  cached ??= Object.fromEntries(Object.entries(files).map(([k, f]) => [k, new Uint8Array(readFileSync(locate(f)))])) as ReportFonts;
  return cached;
}
