import { z } from 'zod';
import { isUuid } from '@/lib/ids';

/**
 * An optional list of ids, as filters send them: from a URL as one comma-separated value (or the
 * parameter repeated), from the REST API and the CLI as an array. At most 500, which bounds a query.
 */
export const idListSchema = (label: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: `${label} must be a list of ids.` })
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0))
    .refine((ids) => ids.every(isUuid), { message: `${label} must be ids (UUIDs), separated by commas.` })
    .refine((ids) => ids.length <= 500, { message: `${label}: at most 500.` })
    .optional();
