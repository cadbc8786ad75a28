import { z } from 'zod';
import { limits, tooLongMessage } from './limits';
import { mergeRules } from '@/lib/curation/clusters';
import { isUuid } from '@/lib/ids';
import { groupFilterSchema } from './groups';
import { idListSchema } from './ids';

// Filters arrive from URLs (?annotators=a,b&documents=…) as comma-separated lists, from the REST API
// and the CLI as arrays; both shapes are accepted. An empty or missing list means "the default".

const idList = idListSchema;

export const agreementFiltersSchema = z.object({
  annotators: idList('annotators'),
  documents: idList('documents'),
  categories: idList('categories'),
  /** Only the documents of this document group. */
  group: groupFilterSchema,
});
export type AgreementFiltersInput = z.input<typeof agreementFiltersSchema>;

const id = (label: string) =>
  z.string({ error: `${label} is required.` }).refine(isUuid, { message: `${label} is not a valid id.` });

export const disagreementQuerySchema = z.object({
  document: id('document').optional(),
  category: id('category').optional(),
  annotators: idList('annotators'),
});
export type DisagreementQueryInput = z.input<typeof disagreementQuerySchema>;

export const mergeRuleSchema = z.enum(mergeRules, { error: `rule must be one of ${mergeRules.join(', ')}.` });

export const curationScopeSchema = z.object({
  annotators: idList('annotators'),
});

export const applyMergeSchema = z.object({
  rule: mergeRuleSchema,
  annotators: idList('annotators'),
});
export type ApplyMergeInput = z.input<typeof applyMergeSchema>;

const offset = (label: string) =>
  z.number({ error: `${label} must be a number.` }).int(`${label} must be a whole number.`).min(0, `${label} must be 0 or more.`);

export const curationDecisionSchema = z
  .object({
    kind: z.enum(['accept', 'edit', 'reject'], { error: 'kind must be one of accept, edit, reject.' }),
    /** The annotators' annotations the decision settles, with the versions the curator saw. */
    sources: z
      .array(z.object({ id: id('sources[].id'), version: z.number().int().min(1) }), { error: 'sources must be a list of { id, version }.' })
      .min(1, 'sources must name at least one annotation.')
      .max(200, 'sources: at most 200 annotations in one decision.'),
    /** For accept and edit: the passage to put into the consensus. */
    passage: z
      .object({
        categoryId: id('passage.categoryId'),
        start: offset('passage.start'),
        end: offset('passage.end'),
        attributes: z.record(z.string().min(1).max(100), z.string().min(1).max(200)).default({}),
        note: z.string().max(limits.note, tooLongMessage('passage.note', 'note')).default(''),
      })
      .optional(),
  })
  .refine((d) => (d.kind === 'reject') === (d.passage === undefined), {
    message: 'accept and edit need a passage; reject takes none.',
  });
export type CurationDecisionInput = z.input<typeof curationDecisionSchema>;

export const curationStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const;
export const curationStatusSchema = z.enum(curationStatuses, { error: `status must be one of ${curationStatuses.join(', ')}.` });
