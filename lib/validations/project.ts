import { z } from 'zod';
import { roles } from '@/lib/permissions';
import { limits, tooLongMessage } from './limits';

export const projectSlugSchema = z
  .string({ error: 'Project slug is required.' })
  .trim()
  .min(3, 'Project slug must be at least 3 characters.')
  .max(64, 'Project slug must be at most 64 characters.')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'Project slug may contain only lower-case letters, digits and single hyphens between them (e.g. "pak-afghan-talks-2025").',
  );

export const createProjectSchema = z.object({
  slug: projectSlugSchema,
  name: z.string().trim().min(1, 'Project name is required.').max(limits.projectName, tooLongMessage('Project name', 'projectName')),
  description: z.string().trim().max(limits.projectDescription, tooLongMessage('Description', 'projectDescription')).default(''),
  question: z.string().trim().max(limits.projectQuestion, tooLongMessage('Research question', 'projectQuestion')).default(''),
});
export type CreateProjectInput = z.input<typeof createProjectSchema>;

export const roleSchema = z.enum(roles, {
  error: `Role must be one of: ${roles.map((r) => r.toLowerCase()).join(', ')}.`,
});

/** An owner's change to the project's settings; absent fields stay as they are. */
export const projectSettingsSchema = z
  .object({
    name: createProjectSchema.shape.name.optional(),
    description: createProjectSchema.shape.description.unwrap().optional(),
    question: createProjectSchema.shape.question.unwrap().optional(),
    blindCoding: z.boolean({ error: 'Blind coding must be on or off (true or false).' }).optional(),
    annotatorsSeeAgreement: z.boolean({ error: 'Whether annotators see agreement must be true or false.' }).optional(),
  })
  .strict();
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

/** Deleting a project: its name, typed by the owner as confirmation. */
export const deleteProjectSchema = z.object({
  confirmName: z.string({ error: "Type the project's name to delete it." }).min(1, "Type the project's name to delete it.").max(limits.projectName + 50),
});
