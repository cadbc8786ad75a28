// A passage with some words of context either side, cut at a space and never across a paragraph
// break: how the explorer and the curation board show a span in its sentence.
export function contextWindow(text: string, start: number, end: number, pad = 80): { start: number; end: number } {
  let from = Math.max(0, start - pad);
  const breakBefore = text.lastIndexOf('\n', start - 1);
  if (breakBefore >= from) from = breakBefore + 1;
  else {
    const space = text.indexOf(' ', from);
    if (from > 0 && space !== -1 && space < start) from = space + 1;
  }
  let to = Math.min(text.length, end + pad);
  const breakAfter = text.indexOf('\n', end);
  if (breakAfter !== -1 && breakAfter <= to) to = breakAfter;
  else {
    const space = text.lastIndexOf(' ', to);
    if (to < text.length && space > end) to = space;
  }
  return { start: Math.min(from, start), end: Math.max(to, end) };
}
