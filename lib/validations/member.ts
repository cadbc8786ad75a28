import { z } from 'zod';
import { emailSchema } from './auth';
import { roleSchema } from './project';

/** Roles are accepted in any case ("annotator", "ANNOTATOR"), as the CLI and forms write them. */
const anyCaseRoleSchema = z
  .string({ error: 'Role is required.' })
  .transform((v) => v.trim().toUpperCase())
  .pipe(roleSchema);

export const createInviteSchema = z.object({
  email: emailSchema,
  role: anyCaseRoleSchema,
});
export type CreateInviteInput = z.input<typeof createInviteSchema>;
