import { z } from 'zod';
import { importKindIds, importKindInfo, type ImportKindId } from '@/lib/export/formats';
import { limits, tooLongMessage } from './limits';
import { projectSlugSchema } from './project';
import { uuidPattern } from './codebook';

// What a user uploads and then chooses before an import is committed.

/** What an upload can become (lib/export/formats.ts says where each goes). */
export const importKinds = importKindIds;
export type ImportKind = ImportKindId;
export const importKindSchema = z.enum(importKinds as [ImportKind, ...ImportKind[]], { error: `kind must be one of ${importKinds.join(', ')}.` });

/** The largest file an upload may carry. */
export const maxUploadBytes = 200 * 1024 * 1024;

export const importKindLabels = Object.fromEntries(importKinds.map((k) => [k, importKindInfo[k].label])) as Record<ImportKind, string>;

/** Whether an import of this kind makes a new project (else it goes into an existing one). */
export const makesProject = (kind: ImportKind): boolean => importKindInfo[kind].into === 'new-project';

export const uploadQuerySchema = z.object({
  kind: importKindSchema,
  fileName: z.string().trim().min(1, 'fileName is required: the name of the uploaded file.').max(300, 'fileName is too long (300 characters at most).'),
  project: projectSlugSchema.optional(),
});
export type UploadQuery = z.infer<typeof uploadQuerySchema>;

const optionalName = z
  .string()
  .trim()
  .max(limits.projectName, tooLongMessage('Name', 'projectName'))
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** What the user confirms on the review page. */
export const confirmImportSchema = z
  .object({
    /** New project (qdpx, w3c): its slug and name; both default to the file's. */
    slug: z
      .string()
      .trim()
      .transform((v) => (v === '' ? undefined : v))
      .pipe(projectSlugSchema.optional())
      .optional(),
    name: optionalName,
    /** W3C annotations: whose layer they become, an existing member or a new imported annotator. */
    layer: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('member'), userId: z.string().regex(uuidPattern, 'layer.userId is not a valid id.') }),
        z.object({
          kind: z.literal('new'),
          name: z.string().trim().min(1, 'Name the new annotator whose layer the annotations become.').max(limits.personName, tooLongMessage('The annotator’s name', 'personName')),
        }),
      ])
      .optional(),
  })
  .strict();
export type ConfirmImportInput = z.input<typeof confirmImportSchema>;
export type ConfirmImport = z.output<typeof confirmImportSchema>;
