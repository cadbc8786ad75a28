// Strings an importer keeps, copied away from the large strings they were cut from.
//
// V8 represents a slice of a string (13 characters or more) as a view into the string it was cut
// from, and a view keeps that whole string alive. A GUID read from a 36 MB project.qde keeps the
// whole XML in memory for as long as the GUID lives, and a quote cut from a source keeps the whole
// source; an import that means to let go of each text once it is read (lib/data/imports.ts) would
// hold every one of them through its passages' quotes.

/** `value` as a string of its own. Concatenation makes a new string, which the slice flattens into fresh memory. */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * Replaces every string in `value` (own properties, arrays and plain objects, as deep as they go)
 * with a copy of its own, in place, and answers `value`.
 */
export function detachStrings<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') value[i] = detach(item);
      else detachStrings(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'string') record[key] = detach(item);
    else if (item !== null && typeof item === 'object') detachStrings(item);
  }
  return value;
}
