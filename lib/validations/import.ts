import { z } from 'zod';
import { limits, tooLongMessage } from './limits';
import { projectSlugSchema } from './project';
import { uuidPattern } from './codebook';

// What a user uploads and then chooses before an import is committed.

/**
 * qdpx: a REFI-QDA project, into a new project. w3c: a Parallax W3C export, into a new project.
 * annotations: W3C annotations made by other tools (Recogito, Hypothesis…), onto the articles of an
 * existing project. qdc: a REFI-QDA codebook, into an existing project's codebook.
 */
export const importKinds = ['qdpx', 'w3c', 'annotations', 'qdc'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindSchema = z.enum(importKinds, { error: `kind must be one of ${importKinds.join(', ')}.` });

/** The largest file an upload may carry. */
export const maxUploadBytes = 200 * 1024 * 1024;

export const importKindLabels: Record<ImportKind, string> = {
  qdpx: 'REFI-QDA project (.qdpx)',
  w3c: 'Parallax W3C Web Annotation export',
  annotations: 'W3C annotations onto this project’s articles',
  qdc: 'REFI-QDA codebook (.qdc)',
};

/** The kind of a file by its name, for the upload form (the server checks the content). */
export function guessImportKind(fileName: string): 'qdpx' | 'w3c' | 'qdc' | null {
  if (/\.qdpx$/i.test(fileName)) return 'qdpx';
  if (/\.qdc$/i.test(fileName)) return 'qdc';
  if (/\.(jsonld|json)$/i.test(fileName)) return 'w3c';
  return null;
}

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
