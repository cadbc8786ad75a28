import { z } from 'zod';
import { limits, tooLongMessage } from './limits';
import { isUuid } from '@/lib/ids';
import { groupFilterSchema } from './groups';
import { idListSchema } from './ids';

// The comparison views' filters. They arrive from URLs (comma-separated lists), from the REST API
// and from the CLI; both list shapes are accepted.

const idList = idListSchema;

/** Which annotations: the consensus layer, every annotator layer pooled, or one annotator's. */
export const comparisonLayerSchema = z
  .string()
  .refine((v) => v === 'consensus' || v === 'pooled' || isUuid(v), { message: 'layer must be "consensus", "pooled" or an annotator’s id.' });

export const comparisonFiltersSchema = z.object({
  layer: comparisonLayerSchema.optional(),
  /** With the pooled layer: whose layers to pool (default: every annotator). */
  annotators: idList('annotators'),
  documents: idList('documents'),
  categories: idList('categories'),
  /** Only the documents of this document group. */
  group: groupFilterSchema,
  /** Only passages with this attribute value, written key:value (e.g. blame-target:pakistan). */
  attr: z
    .string()
    .regex(/^[^:\s]{1,100}:[^:\s]{1,200}$/, 'attr must be written key:value, e.g. blame-target:pakistan.')
    .optional(),
});
export type ComparisonFiltersInput = z.input<typeof comparisonFiltersSchema>;

export const memoSchema = z.object({
  documentId: z.string().refine(isUuid, { message: 'documentId is not a valid id.' }).nullable(),
  body: z.string({ error: 'body must be text.' }).max(limits.memo, tooLongMessage('The memo', 'memo')),
  /** The version the writer read; 0 for a memo that does not exist yet. */
  version: z.number({ error: 'version is required: the version of the memo you read (0 for a new one).' }).int().min(0),
});
export type MemoInput = z.input<typeof memoSchema>;
