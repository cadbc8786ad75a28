import { z } from 'zod';
import { isUuid } from '@/lib/ids';
import { idListSchema } from './ids';
import { limits, tooLongMessage } from './limits';

/** A document group as an owner or curator writes it. */
export const documentGroupSchema = z.object({
  name: z.string({ error: 'Name is required.' }).trim().min(1, 'Name is required.').max(limits.groupName, tooLongMessage('Name', 'groupName')),
  description: z.string().trim().max(limits.groupDescription, tooLongMessage('Description', 'groupDescription')).default(''),
  documentIds: idListSchema('documentIds').default([]),
});
export type DocumentGroupInput = z.input<typeof documentGroupSchema>;

export const groupIdSchema = z.string({ error: 'group must be a group’s id.' }).refine(isUuid, { message: 'group is not a valid id.' });

/** The `group` filter of the agreement, comparison and export pages: one document group's id. */
export const groupFilterSchema = groupIdSchema.optional();
