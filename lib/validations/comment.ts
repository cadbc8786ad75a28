import { z } from 'zod';
import { limits } from './limits';

// Shapes only: whether the mentioned users are members of the project, and whether the actor may
// see the annotation, is checked in lib/data/comments.ts, which has the database at hand.

export const maxCommentLength = limits.comment;

// Trimmed first, so "   " is refused as empty rather than stored as blank space.
const bodySchema = z
  .string({ error: 'body is required: the text of the comment.' })
  .trim()
  .min(1, 'body must not be empty: write something, or delete the comment instead.')
  .max(maxCommentLength, `body is too long (${maxCommentLength.toLocaleString('en')} characters at most).`);

// A comment names at most a few people; 50 bounds a runaway client without limiting anyone real.
// Duplicates are dropped, so the stored list is a set.
const mentionsSchema = z
  .array(z.uuid({ error: 'mentions must be user ids (UUIDs) of project members.' }), {
    error: 'mentions must be a list of user ids (UUIDs) of project members.',
  })
  .max(50, 'mentions lists too many people (50 at most).')
  .default([])
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

const versionSchema = z
  .number({ error: 'version is required: the version of the comment you read, to detect concurrent edits.' })
  .int('version must be a whole number.')
  .min(1, 'version must be 1 or more.');

export const createCommentSchema = z.object({
  // Chosen by the client so that a retried post (a lost response, a flaky network) is idempotent.
  id: z.uuid({ error: 'id must be a UUID (or left out to let the server choose one).' }).optional(),
  body: bodySchema,
  mentions: mentionsSchema,
});
export type CreateCommentInput = z.input<typeof createCommentSchema>;

export const updateCommentSchema = z.object({
  version: versionSchema,
  body: bodySchema,
  // Replaces the whole list; left out, the edited comment mentions nobody.
  mentions: mentionsSchema,
});
export type UpdateCommentInput = z.input<typeof updateCommentSchema>;

export const deleteCommentSchema = z.object({
  // Optional: with it, a delete of a comment edited since it was read is refused as stale.
  version: versionSchema.optional(),
});
export type DeleteCommentInput = z.input<typeof deleteCommentSchema>;

export const threadStateSchema = z.object({
  resolved: z.boolean({ error: 'resolved is required: true to resolve the thread, false to reopen it.' }),
});
export type ThreadStateInput = z.input<typeof threadStateSchema>;
