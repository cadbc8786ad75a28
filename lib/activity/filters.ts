import { z } from 'zod';
import { activityActionInfo, activityGroups, actionsInGroup, isActivityAction, type ActivityAction, type ActivityGroup } from './actions';

// The activity log's filters, as they arrive from the page's URL, the CLI or a test. Form fields
// left empty arrive as '' and mean "any", so they are turned into undefined before checking.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** A calendar day, YYYY-MM-DD, that exists (no 31 February). */
const isoDateSchema = (label: string) =>
  z
    .string()
    .regex(isoDatePattern, `${label} must be a date written YYYY-MM-DD, e.g. 2025-11-03.`)
    .refine(isRealDate, { message: `${label} is not a real date.` });

// Zod runs this even after the pattern failed, so it must not throw on any string.
function isRealDate(v: string): boolean {
  if (!isoDatePattern.test(v)) return true; // the pattern's message already says what is wrong
  const time = new Date(`${v}T00:00:00Z`).getTime();
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
}

/** The person who acted: a user id, or "system" for the command line and the seed. */
export const activityActorFilterSchema = z
  .string()
  .refine((v) => v === 'system' || uuidPattern.test(v), { message: 'Person must be a user id or "system".' });

/** A group ("codebook") or one action ("annotation.create"): the one "what" select of the page. */
export const activityTypeSchema = z.string().refine((v) => (activityGroups as readonly string[]).includes(v) || isActivityAction(v), {
  message: `Type must be a group (${activityGroups.join(', ')}) or an action such as annotation.create.`,
});

export const activityFiltersSchema = z
  .object({
    actor: optional(activityActorFilterSchema),
    type: optional(activityTypeSchema),
    document: optional(z.string().regex(uuidPattern, 'Document is not a valid id.')),
    from: optional(isoDateSchema('From')),
    to: optional(isoDateSchema('To')),
    // Event ids are a bigint sequence; the cursor is the id of the last event already shown.
    cursor: optional(z.string().regex(/^\d{1,19}$/, 'The paging cursor is not valid; start again from the newest events.')),
    limit: z.preprocess(
      (v) => (v === undefined || v === '' ? undefined : typeof v === 'string' ? Number(v) : v),
      z.number().int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(200, 'Limit must be at most 200.').default(50),
    ),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: 'The "from" date is after the "to" date; swap them.',
    path: ['to'],
  });

export type ActivityFiltersInput = z.input<typeof activityFiltersSchema>;
export type ActivityFilters = z.output<typeof activityFiltersSchema>;

/** The actions a type filter stands for: a group's actions, or the one action. */
export function actionsForType(type: string): ActivityAction[] {
  if (isActivityAction(type)) return [type];
  if ((activityGroups as readonly string[]).includes(type)) return actionsInGroup(type as ActivityGroup);
  return [];
}

/**
 * The createdAt range of a from/to filter. Days are UTC days, as the log shows times in UTC; "to"
 * includes its whole day, hence the exclusive bound at the next midnight.
 */
export function createdAtRange(from: string | undefined, to: string | undefined): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from !== undefined) range.gte = new Date(`${from}T00:00:00Z`);
  if (to !== undefined) range.lt = new Date(new Date(`${to}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000);
  return range;
}

/** For the filter's select: each group, then its actions. */
export function activityTypeOptions(): { group: ActivityGroup; actions: { value: ActivityAction; label: string }[] }[] {
  return activityGroups.map((group) => ({
    group,
    actions: actionsInGroup(group).map((value) => ({ value, label: activityActionInfo[value].label })),
  }));
}
