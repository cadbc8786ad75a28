// Pure: how numbers and dates read wherever Parallax shows them (pages, reports, CLI).

/** A share as a percentage, "20.3 %"; a share that cannot be computed is "n/c". */
export function formatShare(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)} %` : 'n/c';
}

/** An ISO time as "28 November 2026" (UTC). */
export function formatLongDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A file size as people read it: "17 bytes", "840 KB", "3.4 MB", "52 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A message as a sentence: the first letter upper case (the data layer's messages start lower case). */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** "1 passage", "3 passages". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
