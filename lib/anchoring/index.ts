export {
  splitRangeByBlocks,
  toCanonicalOffset,
  toCanonicalRange,
  toEditorPosition,
  toEditorRange,
  type BlockPiece,
  type BlockRange,
  type CanonicalRange,
  type EditorRange,
  type Side,
} from './positions';
export {
  contextLength,
  describeSpan,
  isInsideSurrogatePair,
  validateSpan,
  type Anchor,
  type SpanInput,
  type SpanValidation,
} from './selectors';
export { diffTexts, mapOffset, mapUnchangedSpan, type TextDiff } from './diff';
export { findApproximateMatches, type ApproximateMatch } from './fuzzy';
export {
  reanchor,
  type ReanchorOptions,
  type ReanchorResult,
  type ReanchorStatus,
  type StoredAnchor,
} from './reanchor';
