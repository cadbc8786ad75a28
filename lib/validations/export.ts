import { z } from 'zod';
import { groupFilterSchema } from './groups';
import { idListSchema } from './ids';

export const exportFormats = ['html', 'pdf', 'csv', 'w3c', 'qdpx', 'qdc'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportFormatLabels: Record<ExportFormat, string> = {
  html: 'Annotated report (HTML)',
  pdf: 'Annotated report (PDF)',
  csv: 'Spreadsheet (CSV, one row per annotation)',
  w3c: 'W3C Web Annotation (JSON-LD)',
  qdpx: 'REFI-QDA project (.qdpx: ATLAS.ti, MAXQDA, NVivo, QualCoder)',
  qdc: 'REFI-QDA codebook (.qdc)',
};

const idList = idListSchema;

const flag = (label: string) =>
  z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])], { error: `${label} must be true or false.` })
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'on')
    .optional();

export const exportOptionsSchema = z.object({
  format: z.enum(exportFormats, { error: `format must be one of ${exportFormats.join(', ')}.` }),
  documents: idList('documents'),
  categories: idList('categories'),
  /** Only the documents of this document group (with `documents`, those of both). */
  group: groupFilterSchema,
  /** Which layers: every layer the exporter may see, only the annotators', or only the consensus. */
  layers: z.enum(['all', 'annotators', 'consensus'], { error: 'layers must be all, annotators or consensus.' }).optional(),
  annotators: idList('annotators'),
  comments: flag('comments'),
  memos: flag('memos'),
});
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;
export type ExportOptions = z.output<typeof exportOptionsSchema>;

export const importFormats = ['w3c', 'qdpx', 'qdc'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const importFormatSchema = z.enum(importFormats, { error: `format must be one of ${importFormats.join(', ')}.` });
