// One-line descriptions of changes for the activity log. They are written when the change happens
// and stored, because names change later: a log that said "Tagged … as <current name>" would
// rewrite history after every rename.

/** Whitespace collapsed and cut to `max` characters, with an ellipsis when cut. */
export function snippet(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Cut on a code-point boundary so a surrogate pair is never split into a lone half.
  return `${Array.from(flat).slice(0, max).join('').trimEnd()}…`;
}

export function quote(text: string, max = 60): string {
  return `"${snippet(text, max)}"`;
}

export function documentLabel(title: string | null | undefined): string {
  return title && title.trim() !== '' ? title : 'Untitled';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "A", "A and B", "A, B and C", "A, B, C and 4 more": names in a sentence, at most `max` named. */
export function listNames(names: readonly string[], max = 3): string {
  const shown = names.slice(0, names.length > max ? max : names.length);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function annotationCreatedSummary(a: { quote: string; category: string; document: string | null }): string {
  return `Tagged ${quote(a.quote)} as ${a.category} in ${quote(documentLabel(a.document), 80)}`;
}

export function annotationChangedSummary(
  verb: 'Edited' | 'Deleted' | 'Restored',
  a: { quote: string; category: string; document: string | null; changes?: readonly string[] },
): string {
  const changes = a.changes && a.changes.length > 0 ? `: ${a.changes.join(', ')}` : '';
  return `${verb} ${quote(a.quote)} (${a.category}) in ${quote(documentLabel(a.document), 80)}${changes}`;
}

export function documentsImportedSummary(titles: readonly (string | null)[], sourceLabel?: string): string {
  const names = titles.map((t) => quote(documentLabel(t), 80));
  const from = sourceLabel ? ` from ${sourceLabel}` : '';
  if (titles.length === 1) return `Imported ${names[0]}${from}`;
  return `Imported ${plural(titles.length, 'document')}${from}: ${listNames(names)}`;
}

/** "old → new" for a changed setting, with booleans as on/off. */
export function change(label: string, before: string | boolean, after: string | boolean): string {
  const show = (v: string | boolean) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : quote(v, 40));
  return `${label} ${show(before)} → ${show(after)}`;
}
