// How a segment looks. One visual language for every layer, so overlaps stay readable:
// - the innermost of the user's own annotations tints the background in its category colour;
// - every covering annotation draws its own bar under the text (up to four, innermost on top),
//   solid for the user's own layer, dashed for another annotator's, double for the consensus;
// so two categories over the same words show two bars even where one tint wins.

export type HighlightKind = 'mine' | 'other' | 'consensus';

export type HighlightLook = { color: string; kind: HighlightKind };

const maxBars = 4;
const barGap = 3; // px between bars

/** "#4e79a7" → "rgba(78,121,167,0.3)"; falls back to grey for anything unexpected. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return `rgba(120,113,108,${alpha})`;
  return `rgba(${parseInt(m[1]!, 16)},${parseInt(m[2]!, 16)},${parseInt(m[3]!, 16)},${alpha})`;
}

function bar(look: HighlightLook): string {
  if (look.kind === 'other') return `repeating-linear-gradient(90deg, ${look.color} 0 5px, transparent 5px 8px)`;
  return `linear-gradient(${look.color}, ${look.color})`;
}

// Documents repeat a few hundred combinations of looks across thousands of segments: each
// combination's style is built once.
const styleCache = new Map<string, { style: string; className: string }>();

export function segmentStyle(looks: readonly HighlightLook[], focused: boolean): { style: string; className: string } {
  let key = focused ? 'f' : '';
  for (const l of looks) key += `|${l.kind[0]}${l.color}`;
  let found = styleCache.get(key);
  if (!found) {
    found = buildSegmentStyle(looks, focused);
    styleCache.set(key, found);
  }
  return found;
}

function buildSegmentStyle(looks: readonly HighlightLook[], focused: boolean): { style: string; className: string } {
  const mine = looks.filter((l) => l.kind === 'mine');
  const fill = mine[0] ? withAlpha(mine[0].color, mine.length > 1 ? 0.4 : 0.28) : looks.some((l) => l.kind === 'consensus') ? 'rgba(28,25,23,0.05)' : 'transparent';
  const shown = looks.slice(0, maxBars);
  const images: string[] = [];
  const sizes: string[] = [];
  const positions: string[] = [];
  shown.forEach((look, i) => {
    const offset = i * barGap;
    const height = look.kind === 'consensus' ? 1 : 2;
    images.push(bar(look));
    sizes.push(`100% ${height}px`);
    positions.push(`0 calc(100% - ${offset}px)`);
    if (look.kind === 'consensus') {
      // The second line of the double bar.
      images.push(bar(look));
      sizes.push('100% 1px');
      positions.push(`0 calc(100% - ${offset + 2}px)`);
    }
  });
  const padding = Math.max(1, shown.length * barGap);
  const style =
    `background-color:${fill};background-image:${images.join(',')};background-size:${sizes.join(',')};` +
    `background-position:${positions.join(',')};background-repeat:no-repeat;padding-bottom:${padding}px`;
  return { style, className: focused ? 'ann ann-focus' : 'ann' };
}
