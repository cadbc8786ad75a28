// The colours offered for categories. Tableau 10 (the starter codebook's colours, designed to be
// told apart, including by most colour-blind readers) plus six darker hues from the same family
// for larger codebooks. Each has a name so the picker can announce it.

export const categoryPalette = [
  { hex: '#4e79a7', name: 'Steel blue' },
  { hex: '#f28e2b', name: 'Orange' },
  { hex: '#e15759', name: 'Red' },
  { hex: '#76b7b2', name: 'Teal' },
  { hex: '#59a14f', name: 'Green' },
  { hex: '#edc948', name: 'Yellow' },
  { hex: '#b07aa1', name: 'Mauve' },
  { hex: '#ff9da7', name: 'Pink' },
  { hex: '#9c755f', name: 'Brown' },
  { hex: '#bab0ac', name: 'Warm grey' },
  { hex: '#1f77b4', name: 'Blue' },
  { hex: '#2ca02c', name: 'Leaf green' },
  { hex: '#d62728', name: 'Crimson' },
  { hex: '#9467bd', name: 'Purple' },
  { hex: '#17becf', name: 'Cyan' },
  { hex: '#8c564b', name: 'Chestnut' },
] as const;

export const colorPattern = /^#[0-9a-f]{6}$/i;

/** The first palette colour no category uses yet, so a new category stands out by default. */
export function pickUnusedColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return (categoryPalette.find((c) => !taken.has(c.hex)) ?? categoryPalette[0]).hex;
}
