// Pure: the agreement report as plain text, for the CLI (`parallax agreement`). The same figures
// as the page, in the same order: headline, per category (passages and sentences), per document,
// per pair.
import { alphaReadingLabels, readAlpha, type AgreementReport } from './report';
import { formatAgreement } from './types';

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/c').padStart(8);
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/c').padStart(8);
const mean = (xs: number[]) => {
  const ok = xs.filter(Number.isFinite);
  return ok.length === 0 ? Number.NaN : ok.reduce((a, b) => a + b, 0) / ok.length;
};

export function formatAgreementText(report: AgreementReport, titles: ReadonlyMap<string, string>): string[] {
  const lines: string[] = [];
  const name = new Map(report.coders.map((c) => [c.id, c.name]));
  const chars = report.documents.reduce((n, d) => n + d.length, 0);
  lines.push(
    `${report.coders.length} annotators (${report.coders.map((c) => c.name).join(', ')}), ${report.documents.length} documents (${chars} characters, ${report.sentences.unitCount} sentences), ${report.categories.length} categories`,
  );
  lines.push(`Unitizing alpha (αu), overall: ${formatAgreement(report.unitized.overall)} — ${alphaReadingLabels[readAlpha(report.unitized.overall)]}`);
  lines.push('');
  lines.push(`${pad('Category', 44)}${'αu'.padStart(8)}${'α sent.'.padStart(8)}${'Fleiss'.padStart(8)}${'Cohen'.padStart(8)}${'% agree'.padStart(8)}`);
  for (const c of report.categories) {
    const s = report.sentences.byCategory[c.id]!;
    lines.push(`${pad(c.name, 44)}${num(report.unitized.byCategory[c.id] ?? Number.NaN)}${num(s.alpha)}${num(s.fleissKappa)}${num(s.cohenKappaMean)}${pct(s.percentAgreement)}`);
  }
  lines.push('');
  lines.push(`${pad('Document', 52)}${'αu'.padStart(8)}`);
  for (const d of report.documents) lines.push(`${pad(titles.get(d.id) ?? d.id, 52)}${num(report.unitized.byDocument[d.id]?.overall ?? Number.NaN)}`);
  lines.push('');
  lines.push(`${pad('Pair', 36)}${'αu'.padStart(8)}${'Cohen'.padStart(8)}${'% agree'.padStart(8)}`);
  for (const p of report.unitized.pairs) {
    const s = report.sentences.pairs.find((q) => q.a === p.a && q.b === p.b);
    lines.push(`${pad(`${name.get(p.a)} – ${name.get(p.b)}`, 36)}${num(p.overall)}${num(mean(Object.values(s?.kappaByCategory ?? {})))}${pct(mean(Object.values(s?.percentByCategory ?? {})))}`);
  }
  lines.push('');
  lines.push('n/c = not computable. Krippendorff (2004): rely on α ≥ 0.8; 0.667 ≤ α < 0.8 for tentative conclusions only.');
  return lines;
}

/** The report as JSON-ready data: NaN (not computable) becomes null, as JSON has no NaN. */
export function agreementReportToJson(report: AgreementReport): unknown {
  return JSON.parse(JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value)));
}
