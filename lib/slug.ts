import transliterateSlug from '@sindresorhus/slugify';

/**
 * The one slug rule: project slugs, attribute keys and option values, on the server and in forms.
 * Transliterated by a kept library (`@sindresorhus/slugify`): "Pérez" → "perez", "Straße" →
 * "strasse", "Pakistan–Afghan talks" → "pakistan-afghan-talks". At most `maxLength` characters,
 * never ending in a hyphen; `fallback` when nothing of the value is left (a name in a script the
 * library does not transliterate, or only symbols).
 */
export function slugify(value: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const { maxLength = 64, fallback = '' } = options;
  const slug = transliterateSlug(value).slice(0, maxLength).replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}
