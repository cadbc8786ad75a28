import { z } from 'zod';
import { limits, tooLongMessage } from './limits';

// Shapes only: whether the offsets, quote, category and attributes fit the document and the
// project's codebook is checked in lib/data/annotations.ts, which has both at hand.

export const annotationLayers = ['mine', 'all', 'consensus'] as const;

export const annotationLayerSchema = z.enum(annotationLayers, {
  error: `layer must be one of ${annotationLayers.join(', ')}.`,
});
export type AnnotationLayerInput = z.infer<typeof annotationLayerSchema>;

const offsetSchema = (label: string) =>
  z
    .number({ error: `${label} offset must be a number (UTF-16 code units from the start of the text).` })
    .int(`${label} offset must be a whole number.`)
    .min(0, `${label} offset must be 0 or more.`);

// A document is at most a few MB of text; 100,000 characters bounds one passage generously.
const quoteSchema = z
  .string({ error: 'quote is required: the exact text between start and end.' })
  .min(1, 'quote must not be empty: an annotation covers at least one character.')
  .max(100_000, 'quote is too long (100,000 characters at most).');

const noteSchema = z.string({ error: 'note must be text.' }).max(limits.note, tooLongMessage('note', 'note'));

/** Attribute key → option value, e.g. { "blame-target": "pakistan" }. */
const attributesSchema = z.record(
  z.string().min(1, 'attribute keys must not be empty.').max(100),
  z.string({ error: 'attribute values must be option values (text).' }).min(1).max(200),
  { error: 'attributes must be an object of attribute key to option value.' },
);

const categoryIdSchema = z.string({ error: 'categoryId is required.' }).min(1, 'categoryId is required.').max(100);

export const createAnnotationSchema = z.object({
  // Chosen by the client so that a retried create (a lost response, a flaky network) is idempotent.
  id: z.uuid({ error: 'id must be a UUID (or left out to let the server choose one).' }).optional(),
  start: offsetSchema('start'),
  end: offsetSchema('end'),
  quote: quoteSchema,
  categoryId: categoryIdSchema,
  note: noteSchema.default(''),
  attributes: attributesSchema.default({}),
});
export type CreateAnnotationInput = z.input<typeof createAnnotationSchema>;

export const updateAnnotationSchema = z
  .object({
    version: z
      .number({ error: 'version is required: the version of the annotation you read, to detect concurrent edits.' })
      .int('version must be a whole number.')
      .min(1, 'version must be 1 or more.'),
    categoryId: categoryIdSchema.optional(),
    note: noteSchema.optional(),
    // Replaces the whole set: {} clears it, leaving it out keeps it.
    attributes: attributesSchema.optional(),
    start: offsetSchema('start').optional(),
    end: offsetSchema('end').optional(),
    quote: quoteSchema.optional(),
  })
  .refine((v) => (v.start === undefined) === (v.end === undefined) && (v.start === undefined) === (v.quote === undefined), {
    message: 'start, end and quote go together: give all three to move an annotation, or none.',
  });
export type UpdateAnnotationInput = z.input<typeof updateAnnotationSchema>;

export const documentProgressValues = ['NOT_STARTED', 'IN_PROGRESS', 'FINISHED'] as const;

export const documentStatusSchema = z.enum(documentProgressValues, {
  error: `status must be one of ${documentProgressValues.join(', ')}.`,
});
export type DocumentStatusInput = z.infer<typeof documentStatusSchema>;
