import { z } from 'zod';
import { groupFilterSchema } from './groups';
import { idListSchema } from './ids';
import { fileFormats, formatIds, importKindIds, importKindInfo, type FormatId } from '@/lib/export/formats';

export const exportFormats = formatIds;
export type ExportFormat = FormatId;

/** What the export page lists each format as (lib/export/formats.ts). */
export const exportFormatLabels = Object.fromEntries(formatIds.map((id) => [id, fileFormats[id].label])) as Record<ExportFormat, string>;

const idList = idListSchema;

const flag = (label: string) =>
  z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])], { error: `${label} must be true or false.` })
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'on')
    .optional();

export const exportOptionsSchema = z.object({
  format: z.enum(formatIds as [FormatId, ...FormatId[]], { error: `format must be one of ${exportFormats.join(', ')}.` }),
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

/** The formats a file can be imported from. */
export const importFormats = [...new Set(importKindIds.map((k) => importKindInfo[k].format))];
export type ImportFormat = (typeof importFormats)[number];
export const importFormatSchema = z.enum(importFormats as [ImportFormat, ...ImportFormat[]], { error: `format must be one of ${importFormats.join(', ')}.` });
