// Pure: breaks a paragraph of styled pieces (the report's runs of text and its note numbers) into
// lines of a given width. PDFKit's own `continued` text breaks each piece on its own: a note number
// set smaller than the text could start a line by itself, and that line then advanced by the small
// size's height, so the next line of text was drawn over it; a highlight starting inside a word
// could split the word across two lines. Here every line has the paragraph's height, and a word is
// never broken between pieces: a note number is glued to the word its passage ends on.
//
// Widths come from `measure` (PDFKit's widthOfString in the report), so this file knows no fonts.

export type PieceStyle = {
  font: string;
  size: number;
  color: string;
  /** The colour of the underline, or null for none. */
  underline: string | null;
  /** Raised above the baseline by this many points (a note number is a superscript). */
  rise: number;
};

/** `glue`: stays on the line of the word before it (a note number after its passage). */
export type Piece = { text: string; style: PieceStyle; glue?: boolean };

/** A piece placed on a line, `x` from the line's start. */
export type PlacedPiece = { text: string; style: PieceStyle; x: number; width: number };

export type Line = { pieces: PlacedPiece[]; width: number };

export type Measure = (text: string, style: PieceStyle) => number;

type Part = { text: string; style: PieceStyle };
type Token = { kind: 'word'; parts: Part[] } | { kind: 'space'; part: Part };

/** Words (runs of non-space text, across pieces) and the spaces between them; glued pieces join the word before. */
function tokenize(pieces: Piece[]): Token[] {
  const tokens: Token[] = [];
  const lastWord = () => {
    const last = tokens[tokens.length - 1];
    return last?.kind === 'word' ? last : null;
  };
  for (const piece of pieces) {
    if (piece.glue) {
      // A passage that ends on a space still puts its number against the word: "talks.¹ Then".
      const space = tokens[tokens.length - 1]?.kind === 'space' ? tokens.pop() : undefined;
      const word = lastWord();
      if (word) word.parts.push({ text: piece.text, style: piece.style });
      else tokens.push({ kind: 'word', parts: [{ text: piece.text, style: piece.style }] });
      if (space) tokens.push(space);
      continue;
    }
    for (const chunk of piece.text.split(/(\s+)/)) {
      if (chunk === '') continue;
      if (/^\s+$/.test(chunk)) {
        // Runs of white space are one space, as in the HTML report.
        if (tokens.length > 0 && tokens[tokens.length - 1]!.kind !== 'space') tokens.push({ kind: 'space', part: { text: ' ', style: piece.style } });
        continue;
      }
      const word = lastWord();
      if (word) word.parts.push({ text: chunk, style: piece.style });
      else tokens.push({ kind: 'word', parts: [{ text: chunk, style: piece.style }] });
    }
  }
  return tokens;
}

/** A word wider than a whole line (a long address, say) is cut where it must be, character by character. */
function splitWide(parts: Part[], width: number, measure: Measure): Part[][] {
  const lines: Part[][] = [];
  let line: Part[] = [];
  let used = 0;
  for (const part of parts) {
    let chunk = '';
    for (const ch of part.text) {
      const w = measure(chunk + ch, part.style);
      if (used + w > width && (chunk !== '' || line.length > 0)) {
        if (chunk !== '') line.push({ text: chunk, style: part.style });
        lines.push(line);
        line = [];
        used = 0;
        chunk = ch;
      } else chunk += ch;
    }
    if (chunk !== '') {
      line.push({ text: chunk, style: part.style });
      used += measure(chunk, part.style);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

const sameStyle = (a: PieceStyle, b: PieceStyle) => a.font === b.font && a.size === b.size && a.color === b.color && a.underline === b.underline && a.rise === b.rise;

/**
 * Breaks `pieces` into lines no wider than `width` (greedy, at spaces). Neighbouring parts of one
 * style on a line are merged, so a line is drawn in as few strings as its styles allow.
 */
export function breakLines(pieces: Piece[], width: number, measure: Measure): Line[] {
  const lines: Part[][] = [[]];
  let used = 0;
  let pendingSpace: Part | null = null;
  const wordWidth = (parts: Part[]) => parts.reduce((sum, p) => sum + measure(p.text, p.style), 0);
  for (const token of tokenize(pieces)) {
    if (token.kind === 'space') {
      pendingSpace = token.part;
      continue;
    }
    let line = lines[lines.length - 1]!;
    const w = wordWidth(token.parts);
    let space = pendingSpace && line.length > 0 ? measure(pendingSpace.text, pendingSpace.style) : 0;
    if (line.length > 0 && used + space + w > width) {
      line = [];
      lines.push(line);
      used = 0;
      space = 0;
    }
    if (line.length === 0 && w > width) {
      // Only a word wider than a whole line gets here.
      lines.pop();
      lines.push(...splitWide(token.parts, width, measure));
      used = wordWidth(lines[lines.length - 1]!);
    } else {
      if (space > 0 && pendingSpace) line.push(pendingSpace);
      line.push(...token.parts);
      used += space + w;
    }
    pendingSpace = null;
  }
  return lines
    .filter((l) => l.length > 0)
    .map((parts) => {
      const merged: Part[] = [];
      for (const p of parts) {
        const last = merged[merged.length - 1];
        if (last && sameStyle(last.style, p.style)) last.text += p.text;
        else merged.push({ ...p });
      }
      let x = 0;
      const placed = merged.map((p) => {
        const w = measure(p.text, p.style);
        const piece = { text: p.text, style: p.style, x, width: w };
        x += w;
        return piece;
      });
      return { pieces: placed, width: x };
    });
}

/** Note numbers as a reader writes them: "3", "4,7", "44–46" (three or more in a row are a range). */
export function noteLabel(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const n of sorted) {
    const group = groups[groups.length - 1];
    if (group && n === group[group.length - 1]! + 1) group.push(n);
    else groups.push([n]);
  }
  return groups.map((g) => (g.length >= 3 ? `${g[0]}–${g[g.length - 1]}` : g.join(','))).join(',');
}
