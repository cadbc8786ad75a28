// Parallax offsets count UTF-16 code units (JavaScript string indices). QDA-XML's startPosition
// and endPosition, and the W3C TextPositionSelector, count characters, i.e. Unicode code points:
// an emoji outside the Basic Multilingual Plane is one character there but two code units here.
// This index converts between the two in O(log n) per offset, so a document with many annotations
// is scanned once. Only well-formed surrogate pairs count as one character; a lone surrogate counts
// as one character, as it does in every encoder that lets it through.

function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class CodePointIndex {
  /** UTF-16 index of the high surrogate of every pair, ascending. */
  private readonly pairUnits: number[] = [];
  /** Code-point index of the same characters, ascending. */
  private readonly pairPoints: number[] = [];
  readonly unitLength: number;
  readonly pointLength: number;

  constructor(text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const high = text.charCodeAt(i);
      if (high < 0xd800 || high > 0xdbff) continue;
      const low = text.charCodeAt(i + 1);
      if (low < 0xdc00 || low > 0xdfff) continue;
      this.pairPoints.push(i - this.pairUnits.length);
      this.pairUnits.push(i);
      i++;
    }
    this.unitLength = text.length;
    this.pointLength = text.length - this.pairUnits.length;
  }

  /** The code-point offset of a UTF-16 offset (which must not split a pair). */
  toPoints(units: number): number {
    return units - countBelow(this.pairUnits, units);
  }

  /** The UTF-16 offset of a code-point offset. */
  toUnits(points: number): number {
    return points + countBelow(this.pairPoints, points);
  }
}
