import { describe, expect, it } from 'vitest';
import { fileFormats, formatIds, importKindIds, importKindInfo, uploadChoices } from '@/lib/export/formats';
import { exportFileName, renderExport } from '@/lib/export/render';
import { reportFonts } from '@/lib/fonts';
import { exportOptionsSchema, exportFormatLabels } from '@/lib/validations/export';
import { importKindSchema, makesProject } from '@/lib/validations/import';
import { cloneFixture } from './fixture';

// The format registry (lib/export/formats.ts) is what every place reads: each format it lists is
// accepted by validation, written by render.ts with the type and extension it declares, and named
// by its file kind; each import kind reads a listed format that declares how an upload is named.

/** What a file of each format starts with, so a writer mixed up with another's is caught. */
const signatures: Record<string, (bytes: Uint8Array) => boolean> = {
  html: (b) => new TextDecoder().decode(b.slice(0, 15)).toLowerCase().startsWith('<!doctype html'),
  pdf: (b) => new TextDecoder().decode(b.slice(0, 5)) === '%PDF-',
  csv: (b) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf,
  w3c: (b) => JSON.parse(new TextDecoder().decode(b))['@context'] !== undefined,
  qdpx: (b) => b[0] === 0x50 && b[1] === 0x4b,
  qdc: (b) => new TextDecoder().decode(b.slice(0, 5)) === '<?xml',
};

describe('the format registry', () => {
  it.each(formatIds)('%s: validated, labelled, written with its declared type and extension, and named by its kind', async (id) => {
    expect(exportOptionsSchema.parse({ format: id }).format).toBe(id);
    expect(exportFormatLabels[id]).toBe(fileFormats[id].label);
    const file = await renderExport(cloneFixture(), id, { fonts: reportFonts });
    expect(file.contentType).toBe(fileFormats[id].contentType);
    expect(file.extension).toBe(fileFormats[id].extension);
    expect(signatures[id]?.(file.bytes), `${id} bytes`).toBe(true);
    expect(exportFileName('demo', id, '2026-12-04T10:00:00Z', file.extension)).toBe(`demo-${fileFormats[id].fileKind}-2026-12-04.${fileFormats[id].extension}`);
  });

  it('refuses a format it does not list, naming those it does', () => {
    const result = exportOptionsSchema.safeParse({ format: 'docx' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`format must be one of ${formatIds.join(', ')}.`);
  });

  it.each(importKindIds)('import kind %s reads a listed format whose uploads are named', (kind) => {
    expect(importKindSchema.parse(kind)).toBe(kind);
    const format = fileFormats[importKindInfo[kind].format] as { upload?: { names: RegExp; accept: string } };
    expect(format.upload).toBeDefined();
    for (const extension of format.upload!.accept.split(',')) expect(format.upload!.names.test(`file${extension}`)).toBe(true);
  });

  it('offers the upload forms the right filters, and says which kinds make a project', () => {
    expect(uploadChoices(['qdpx', 'w3c']).accept).toBe('.qdpx,.jsonld,.json');
    expect(uploadChoices(['qdc']).choices[0]!.matches.test('codebook.xml')).toBe(true);
    expect(importKindIds.filter(makesProject)).toEqual(['qdpx', 'w3c']);
  });
});
