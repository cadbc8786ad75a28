// Text PostgreSQL cannot store, or would store as something else: a NUL character (a text column
// refuses it, and the write failed with a 500) and a lone UTF-16 surrogate (the driver writes it as
// U+FFFD, so the stored text is not what was sent, and a retried create with the same id then
// looked like different content). Every input the data layer parses is checked for both, with the
// field named, before a schema sees it.

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one string, or null. */
export function unstorableText(text: string): string | null {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return `contains a NUL character (U+0000) at position ${nul}, which cannot be stored`;
  const match = lone.exec(text);
  if (match) {
    const code = match[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains an unpaired surrogate (U+${code}) at position ${match.index}, which is not a character`;
  }
  return null;
}

/**
 * The first string in `value` (keys included, nested objects and arrays) that cannot be stored,
 * with its path ("annotations.3.note"), or null. Depth-limited: deeper input is a schema's problem.
 */
export function findUnstorable(value: unknown, path: (string | number)[] = [], depth = 0): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = unstorableText(value);
    return problem ? { path: path.join('.'), problem } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = unstorableText(key);
    if (keyProblem) return { path: [...path, key].join('.'), problem: `its name ${keyProblem}` };
    const found = findUnstorable(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
