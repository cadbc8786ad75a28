// How agreement figures look everywhere: one colour scale keyed to Krippendorff's thresholds, so
// the same value has the same colour on the bars, the tables and the heatmaps.
import { alphaThresholds } from '@/lib/agreement/report';
import { mixHex as mix } from '@/lib/colors';
import { formatShare } from '@/lib/format';

/** Background and text colour for a coefficient in [-1, 1] (NaN: not computable, grey hatching). */
export function agreementColor(value: number): { background: string; color: string } {
  if (!Number.isFinite(value)) return { background: 'repeating-linear-gradient(135deg, #f5f5f4 0 6px, #e7e5e4 6px 8px)', color: '#78716c' };
  if (value >= alphaThresholds.reliable) {
    // 0.8 → light green, 1 → deep green
    const t = Math.min(1, (value - alphaThresholds.reliable) / (1 - alphaThresholds.reliable));
    return { background: mix('#d1fae5', '#059669', t), color: t > 0.55 ? '#ffffff' : '#064e3b' };
  }
  if (value >= alphaThresholds.tentative) {
    const t = (value - alphaThresholds.tentative) / (alphaThresholds.reliable - alphaThresholds.tentative);
    return { background: mix('#fef3c7', '#fcd34d', t), color: '#78350f' };
  }
  // Below 0.667: from pale rose (just under) to strong red (0 and below).
  const t = Math.min(1, Math.max(0, (alphaThresholds.tentative - value) / alphaThresholds.tentative));
  return { background: mix('#ffe4e6', '#e11d48', t), color: t > 0.6 ? '#ffffff' : '#881337' };
}

/** Colours for annotators' lanes (Okabe–Ito, distinguishable with colour-vision deficiencies). */
export const annotatorPalette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#332288', '#882255'];

export function annotatorColor(index: number): string {
  return annotatorPalette[index % annotatorPalette.length]!;
}

export function formatPercent(value: number): string {
  return Number.isFinite(value) ? formatShare(value) : 'not computable';
}
