export { krippendorffAlpha } from './krippendorff';
export { cohenKappa, fleissKappa } from './kappa';
export {
  computeUnitizedAgreement,
  unitizedAlpha,
  type PairwiseUnitizedAlpha,
  type UnitizedAgreement,
} from './unitized';
export { spanF1 } from './span-f1';
export {
  formatAgreement,
  isComputable,
  type CodedValue,
  type CoderSpan,
  type Continuum,
  type KappaWeights,
  type MeasurementLevel,
  type Span,
  type SpanF1Result,
  type SpanMatch,
  type UnitizedAlphaResult,
} from './types';
export { findDisagreements, mergeIntervals, type DisagreementSummary, type LaneSpan, type Region } from './disagreements';
export { alphaReadingLabels, alphaThresholds, computeAgreementReport, readAlpha, type AgreementReport, type ReportInput, type ReportSpan } from './report';
export { agreementReportToJson, formatAgreementText } from './text';
