// Pure: how a document is named. A title is used only where the source states one; elsewhere the
// body's first words stand in, in quotation marks and with "…", so that they read as a quotation
// used as a label and not as a title the article gave itself. Nothing is invented.

type Named = { title: string | null; label?: string | null; sourceName?: string | null };

/** The name to show: the stated title, else the first-words label in quotes, else the file name. */
export function displayTitle(doc: Named): string {
  if (doc.title) return doc.title;
  if (doc.label) return `“${doc.label}”`;
  return doc.sourceName ? `Untitled (${doc.sourceName})` : 'Untitled';
}

/** True when the name shown is a label made of the first words, not a stated title. */
export function isLabel(doc: Named): boolean {
  return !doc.title && !!doc.label;
}
