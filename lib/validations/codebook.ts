import { z } from 'zod';
import { colorPattern } from '@/lib/codebook/palette';
import { normalizeShortcut, shortcutProblem } from '@/lib/codebook/shortcuts';
import { limits, tooLongMessage, type LimitedField } from './limits';

// Ids are checked for shape here so that a malformed one is answered like a missing one (the
// data layer turns it into NOT_FOUND) instead of reaching PostgreSQL as an invalid uuid cast.
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idSchema = (label: string) => z.string({ error: `${label} is required.` }).regex(uuidPattern, `${label} is not a valid id.`);

export const categoryNameSchema = z
  .string({ error: 'Name is required.' })
  .trim()
  .min(1, 'Name is required.')
  .max(limits.categoryName, tooLongMessage('Name', 'categoryName'))
  .refine((v) => !v.includes(' / '), { message: 'Name may not contain " / ", which separates levels in category paths.' });

export const colorSchema = z
  .string({ error: 'Colour is required.' })
  .trim()
  .regex(colorPattern, 'Colour must be written #rrggbb, e.g. #4e79a7.')
  .transform((v) => v.toLowerCase());

const longText = (label: string, field: LimitedField) => z.string().trim().max(limits[field], tooLongMessage(label, field));

/** A shortcut key; '' and null both mean "no shortcut". Case is ignored. */
export const shortcutSchema = z
  .string()
  .nullable()
  .transform((v) => (v === null || v.trim() === '' ? null : normalizeShortcut(v)))
  .superRefine((v, ctx) => {
    // Clashes with other categories need the database; the data layer checks those.
    const problem = v === null ? null : shortcutProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const createCategorySchema = z.object({
  name: categoryNameSchema,
  parentId: idSchema('Parent category').nullable().default(null),
  color: colorSchema,
  description: longText('Description', 'categoryDescription').default(''),
  example: longText('Example', 'categoryExample').default(''),
  shortcut: shortcutSchema.default(null),
});
export type CreateCategoryInput = z.input<typeof createCategorySchema>;

export const updateCategorySchema = z.object({
  name: categoryNameSchema.optional(),
  color: colorSchema.optional(),
  description: longText('Description', 'categoryDescription').optional(),
  example: longText('Example', 'categoryExample').optional(),
  /** null clears the shortcut; absent leaves it as it is. */
  shortcut: shortcutSchema.optional(),
  /** null moves the category to the top level; absent leaves it where it is. */
  parentId: idSchema('Parent category').nullable().optional(),
});
export type UpdateCategoryInput = z.input<typeof updateCategorySchema>;

export const reorderCategoriesSchema = z.object({
  parentId: idSchema('Parent category').nullable(),
  orderedIds: z.array(idSchema('Category'), { error: 'The new order is required.' }).min(1, 'The new order lists no categories.').max(1000),
});
export type ReorderCategoriesInput = z.input<typeof reorderCategoriesSchema>;

export const mergeCategoriesSchema = z
  .object({ sourceId: idSchema('Category to merge'), targetId: idSchema('Category to merge into') })
  .refine((v) => v.sourceId !== v.targetId, { message: 'A category cannot be merged into itself; choose another category.', path: ['targetId'] });
export type MergeCategoriesInput = z.input<typeof mergeCategoriesSchema>;

export const deleteCategorySchema = z.object({
  reassignTo: idSchema('Category to reassign to').optional(),
});
export type DeleteCategoryInput = z.input<typeof deleteCategorySchema>;

// ─── Attributes ─────────────────────────────────────────────────────────────────────────────

/** Machine names (attribute keys, option values) are stable slugs: exports and the API use them. */
const slugSchema = (label: string, example: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(64, `${label} is too long (64 characters at most).`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label} may contain only lower-case letters, digits and single hyphens between them (e.g. "${example}").`);

export const attributeKeySchema = slugSchema('Key', 'blame-target');
export const optionValueSchema = slugSchema('Value', 'afghan-taliban');

const attributeOptionsSchema = z
  .array(
    z.object({
      value: optionValueSchema,
      label: z.string({ error: 'Label is required.' }).trim().min(1, 'Label is required.').max(limits.optionLabel, tooLongMessage('Label', 'optionLabel')),
    }),
    { error: 'Allowed values are required.' },
  )
  .min(1, 'An attribute needs at least one allowed value.')
  .max(200, 'An attribute may have at most 200 allowed values.')
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    for (const o of options) {
      if (seen.has(o.value)) ctx.addIssue({ code: 'custom', message: `Value "${o.value}" is listed twice; each value must be unique.` });
      seen.add(o.value);
    }
  });

const attributeNameSchema = z
  .string({ error: 'Name is required.' })
  .trim()
  .min(1, 'Name is required.')
  .max(limits.attributeName, tooLongMessage('Name', 'attributeName'));

export const createAttributeSchema = z.object({
  key: attributeKeySchema,
  name: attributeNameSchema,
  description: longText('Description', 'categoryDescription').default(''),
  options: attributeOptionsSchema,
});
export type CreateAttributeInput = z.input<typeof createAttributeSchema>;

/**
 * `options`, when given, is the complete new list in display order: values not yet defined are
 * added, existing values are relabelled, and values left out are removed (if no annotation uses
 * them). The key cannot change: exported data refers to it.
 */
export const updateAttributeSchema = z.object({
  name: attributeNameSchema.optional(),
  description: longText('Description', 'categoryDescription').optional(),
  options: attributeOptionsSchema.optional(),
});
export type UpdateAttributeInput = z.input<typeof updateAttributeSchema>;
