// How long each kind of text may be: one table for the forms, the REST API and every importer, so
// a value that a form accepts always imports and a value that an import refuses is one no form
// could have stored either. The limits are generous on purpose: they stop a runaway client, not a
// real codebook (MAXQDA code names of 124 characters and NVivo memos of many pages are real), and
// an import that meets one refuses with the field and the limit rather than cutting the value.
export const limits = {
  projectName: 200,
  projectDescription: 20_000,
  projectQuestion: 500,
  categoryName: 300,
  categoryDescription: 20_000,
  categoryExample: 20_000,
  attributeName: 300,
  optionLabel: 300,
  note: 100_000,
  comment: 20_000,
  memo: 500_000,
  personName: 200,
  groupName: 300,
  groupDescription: 20_000,
  documentTitle: 1000,
  documentAuthor: 500,
  documentAffiliation: 500,
  documentOutlet: 500,
  sourceUrl: 2000,
} as const;

export type LimitedField = keyof typeof limits;

/** "… is too long (300 characters at most)." for a label such as "Name". */
export function tooLongMessage(label: string, field: LimitedField): string {
  return `${label} is too long (${limits[field].toLocaleString('en')} characters at most).`;
}
