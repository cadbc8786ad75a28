// Category shortcut keys: the rules shared by the server (authoritative) and the codebook editor
// (immediate feedback while typing). Pure: no React, no database.

/**
 * Keys the annotation view binds to its own commands, so no category may take them. `Delete` is
 * listed for completeness (the annotation view deletes with `x` or Delete); it can never pass the
 * one-character rule anyway.
 */
export const reservedShortcuts = {
  u: 'undo',
  n: 'note',
  x: 'delete',
  Delete: 'delete',
} as const satisfies Record<string, string>;

export type ReservedShortcut = keyof typeof reservedShortcuts;

/** One digit or lower-case ASCII letter: the keys that type the same on every common layout. */
export const shortcutPattern = /^[0-9a-z]$/;

export function isReservedShortcut(key: string): key is ReservedShortcut {
  return Object.hasOwn(reservedShortcuts, key);
}

/** Upper-case letters mean the same key; surrounding spaces are typing noise. */
export function normalizeShortcut(key: string): string {
  return key.trim().toLowerCase();
}

/**
 * Why `key` cannot be a category's shortcut, or null when it can. `takenBy` maps the keys other
 * categories of the project already use to their names (leave out the category being edited).
 */
export function shortcutProblem(key: string, takenBy: ReadonlyMap<string, string> = new Map()): string | null {
  if (isReservedShortcut(key)) {
    return `Shortcut "${key}" is reserved for ${reservedShortcuts[key]} in the annotation view; choose another key.`;
  }
  if (!shortcutPattern.test(key)) {
    return `Shortcut "${key}" is not allowed: use one digit (0-9) or one letter (a-z).`;
  }
  const owner = takenBy.get(key);
  if (owner !== undefined) return `Shortcut "${key}" is already used by "${owner}"; clear it there first or choose another key.`;
  return null;
}
