import { z } from 'zod';

export const createApiTokenSchema = z.object({
  name: z
    .string({ error: 'Token name is required.' })
    .trim()
    .min(1, 'Give the token a name, e.g. the script or machine that will use it.')
    .max(100, 'Token name is too long (100 characters at most).'),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;
