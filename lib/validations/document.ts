import { z } from 'zod';
import { realDateTime } from './dates';
import { limits } from './limits';

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (${max} characters at most).`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null);

/** Dates are calendar dates (yyyy-mm-dd): articles state a day, not an instant. */
export const publishedOnSchema = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .default(null)
  .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && realDateTime(v) !== null), {
    message: 'Published date must be a real date written yyyy-mm-dd, or left empty when unknown.',
  });

export const documentMetadataSchema = z.object({
  title: optionalText('Title', limits.documentTitle),
  author: optionalText('Author', limits.documentAuthor),
  authorAffiliation: optionalText('Affiliation', limits.documentAffiliation),
  outlet: optionalText('Outlet', limits.documentOutlet),
  publishedOn: publishedOnSchema,
  sourceUrl: optionalText('Source URL', limits.sourceUrl).refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), {
    message: 'Source URL must start with http:// or https://, or be left empty.',
  }),
});
export type DocumentMetadataInput = z.input<typeof documentMetadataSchema>;
export type DocumentMetadata = z.output<typeof documentMetadataSchema>;

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('paragraph'), text: z.string().trim().min(1).max(200_000) }),
]);

/** One reviewed document from the importer: metadata the user checked, and the cleaned blocks. */
export const importedDocumentSchema = documentMetadataSchema.extend({
  sourceName: z.string().trim().max(300).nullable().default(null),
  blocks: z
    .array(blockSchema, { error: 'A document needs its text blocks.' })
    .min(1, 'A document needs at least one paragraph of text.')
    .max(20_000, 'A document may have at most 20,000 blocks.'),
});
export type ImportedDocumentInput = z.input<typeof importedDocumentSchema>;

export const importDocumentsSchema = z.object({
  documents: z
    .array(importedDocumentSchema)
    .min(1, 'Choose at least one document to import.')
    .max(200, 'Import at most 200 documents at a time.'),
});

export const pasteSchema = z.object({
  text: z.string().max(2 * 1024 * 1024, 'Pasted text is over 2 MB; split it or upload a file.'),
  format: z.enum(['text', 'markdown', 'html'], { error: 'Format must be text, markdown or html.' }),
  name: z.string().trim().max(300).optional(),
});

/**
 * The URL as a link target when it is an http(s) address, else null. Stored URLs are validated on
 * the way in; this guards every place a URL becomes a link (pages, reports), so a value that got
 * in another way (an older import) never runs script (`javascript:`) or breaks a page.
 */
export function httpUrlOrNull(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : null;
  } catch {
    return null;
  }
}
