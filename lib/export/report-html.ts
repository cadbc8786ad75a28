// Pure: the annotated report as one self-contained HTML file (inline CSS, no scripts, no external
// resources), readable on screen and printable. Every piece of user text is escaped.
import { httpUrlOrNull } from '@/lib/validations/document';
import { alphaReadingLabels, readAlpha } from '@/lib/agreement/report';
import { formatAgreement } from '@/lib/agreement/types';
import { shareHeat } from '@/lib/colors';
import { formatLongDay, formatShare } from '@/lib/format';
import type { ReportArticle, ReportModel } from './report-model';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const pct = (x: number) => formatShare(x);
const day = formatLongDay;

const css = `
:root { --ink: #1c1917; --muted: #57534e; --line: #e7e5e4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafaf9; }
main { max-width: 52rem; margin: 0 auto; padding: 3rem 1.5rem 5rem; background: #fff; overflow-wrap: break-word; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; letter-spacing: -.01em; }
h2 { font-size: 1.35rem; margin: 3rem 0 .75rem; padding-top: 1rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
.muted { color: var(--muted); } .small { font-size: 13px; }
.title-page { padding: 2rem 0 1rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; vertical-align: -.05em; margin-right: .4em; }
table { border-collapse: separate; border-spacing: 2px; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--muted); vertical-align: bottom; }
td.cell { text-align: center; min-width: 3.2rem; padding: .3rem .2rem; border-radius: 3px; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* A table wider than the column scrolls inside its own box, never the page. */
.table-scroll { max-width: 100%; overflow-x: auto; margin: .5rem 0 1rem; }
.table-scroll:focus-visible { outline: 2px solid #4338ca; outline-offset: 2px; }
/* The matrix's factor names stand upright (read bottom to top), so a column is as narrow as its
   figures and a long name wraps onto a second line instead of being cut. */
th.factor { vertical-align: bottom; padding: 0 .15rem .3rem; }
th.factor .name { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 13rem; line-height: 1.25; font-size: 12px; text-align: left; }
th.factor .swatch { margin: 0 0 .35em; }
.matrix .article { position: sticky; left: 0; z-index: 1; background: #fff; min-width: 9rem; max-width: 15rem; padding-right: .5rem; }
@media (max-width: 600px) { .matrix .article { min-width: 7rem; max-width: 9rem; font-size: 12px; overflow-wrap: anywhere; } }
.bar { display: flex; height: 1.1rem; border-radius: 3px; overflow: hidden; background: #f5f5f4; }
.bar span { display: block; height: 100%; }
.article { margin-top: 3rem; }
.text { font-family: Georgia, "Source Serif 4", serif; font-size: 16.5px; line-height: 1.75; }
.text h4 { font-family: system-ui, sans-serif; font-size: 1rem; margin: 1.5rem 0 .4rem; }
.text p { margin: 0 0 1rem; }
mark { background: none; color: inherit; padding-bottom: 1px; }
sup.fn { font: 600 10px system-ui, sans-serif; color: #4338ca; margin-left: 1px; }
ol.notes { font-size: 13.5px; padding-left: 1.6rem; }
ol.notes li { margin: .45rem 0; }
.quote { font-family: Georgia, serif; }
.comment { margin: .2rem 0 0 .8rem; color: var(--muted); }
.empty { background: #f5f5f4; border-radius: 4px; padding: .75rem 1rem; color: var(--muted); }
.memo { white-space: pre-wrap; background: #f5f5f4; border-left: 3px solid #a8a29e; padding: .6rem .9rem; border-radius: 3px; }
@media print { body { background: #fff; } main { padding: 0; max-width: none; } .table-scroll { overflow: visible; } h2 { break-before: page; border: 0; } .article { break-before: page; } tr, li, .memo { break-inside: avoid; } }
`;

function renderArticle(article: ReportArticle, colorOf: Map<string, string>): string {
  const d = article.document;
  const meta = [d.author ?? 'author unknown', d.authorAffiliation, d.outlet ?? 'outlet unknown', d.publishedOn ? day(`${d.publishedOn}T00:00:00Z`) : 'date unknown'].filter(Boolean).join(' · ');
  const body = article.blocks
    .map((b) => {
      const inner = b.runs
        .map((r) => {
          const text = escapeHtml(r.text);
          const fns = r.endsNotes.map((n) => `<sup class="fn">${n}</sup>`).join('');
          if (r.categories.length === 0) return text + fns;
          const colors = r.categories.map((c) => colorOf.get(c) ?? '#a8a29e');
          const shadows = colors.slice(0, 4).map((c, i) => `inset 0 -${2 + i * 3}px 0 ${c}`).join(', ');
          return `<mark style="background:${colors[0]}26;box-shadow:${shadows}">${text}</mark>${fns}`;
        })
        .join('');
      return b.type === 'heading' ? `<h4>${inner}</h4>` : `<p>${inner}</p>`;
    })
    .join('\n');
  const notes = article.notes
    .map((n) => {
      const attrs = n.attributes.map((a) => `${escapeHtml(a.name)}: ${escapeHtml(a.value)}`).join(' · ');
      const comments = n.comments.map((c) => `<div class="comment">💬 <strong>${escapeHtml(c.author)}</strong>: ${escapeHtml(c.body)}</div>`).join('');
      return `<li value="${n.number}"><span class="swatch" style="background:${n.category.color}"></span><strong>${escapeHtml(n.category.path)}</strong> — ${escapeHtml(n.who)}${attrs ? ` · ${attrs}` : ''}<br>${n.unplaced ? '<em>Unplaced (its text was corrected); last known text:</em> ' : ''}<span class="quote">“${escapeHtml(n.annotation.quote.length > 220 ? `${n.annotation.quote.slice(0, 217)}…` : n.annotation.quote)}”</span>${n.annotation.note ? `<br><em>Note:</em> ${escapeHtml(n.annotation.note)}` : ''}${comments}</li>`;
    })
    .join('\n');
  return `<section class="article" id="doc-${d.id}">
<h2>${escapeHtml(article.title)}</h2>
<p class="muted small">${escapeHtml(meta)}${httpUrlOrNull(d.sourceUrl) ? ` · <a href="${escapeHtml(httpUrlOrNull(d.sourceUrl)!.href)}">source</a>` : d.sourceUrl ? ` · source: ${escapeHtml(d.sourceUrl)}` : ''}</p>
${article.memo ? `<h3>Memo</h3><div class="memo">${escapeHtml(article.memo)}</div>` : ''}
<div class="text">${body}</div>
<h3>Annotations (${article.notes.length})</h3>
${article.notes.length === 0 ? '<p class="muted">None in this export.</p>' : `<ol class="notes">${notes}</ol>`}
</section>`;
}

export function renderReportHtml(model: ReportModel): string {
  const colorOf = new Map(model.codebook.categories.map((c) => [c.id, c.color]));
  const { comparison, agreement } = model;
  const maxShare = Math.max(0, ...model.articles.flatMap((a) => model.codebook.categories.map((c) => comparison.matrix[a.document.id]?.[c.id]?.share ?? 0)));
  const codebook = model.codebook.categories
    .map((c) => `<tr><td><span class="swatch" style="background:${c.color}"></span></td><td><strong>${escapeHtml(c.path)}</strong>${c.description ? `<br><span class="muted">${escapeHtml(c.description)}</span>` : ''}</td></tr>`)
    .join('\n');
  const attributes = model.codebook.attributes
    .map((a) => `<p><strong>${escapeHtml(a.name)}</strong>${a.description ? ` — ${escapeHtml(a.description)}` : ''}: ${a.options.map((o) => escapeHtml(o.label)).join(', ')}</p>`)
    .join('\n');
  const matrix = `<table class="matrix"><tr><th class="article">Article</th>${model.codebook.categories.map((c) => `<th class="factor" title="${escapeHtml(c.path)}"><div class="name"><span class="swatch" style="background:${c.color}"></span>${escapeHtml(c.name)}</div></th>`).join('')}</tr>
${model.articles
  .map((a) => {
    const cells = model.codebook.categories
      .map((c) => {
        const cell = comparison.matrix[a.document.id]?.[c.id];
        const share = cell?.share ?? 0;
        const heat = shareHeat(share, maxShare);
        return `<td class="cell" style="background:${heat.background};color:${heat.color}">${share > 0 ? pct(share) : '–'}</td>`;
      })
      .join('');
    return `<tr><td class="article">${escapeHtml(a.title)}<br><span class="muted small">${escapeHtml(a.document.author ?? 'author unknown')}</span></td>${cells}</tr>`;
  })
  .join('\n')}</table>`;
  // A scrolling box is reached and scrolled from the keyboard too, so it is focusable and named.
  const scrollBox = (label: string, table: string) => `<div class="table-scroll" role="region" aria-label="${escapeHtml(label)}" tabindex="0">${table}</div>`;
  const profiles = comparison.authors
    .map((a) => {
      const p = comparison.profiles[a.key]!;
      const segs = model.codebook.categories
        .filter((c) => Number.isFinite(p[c.id]) && (p[c.id] ?? 0) > 0)
        .map((c) => `<span style="width:${(p[c.id]! * 100).toFixed(2)}%;background:${c.color}" title="${escapeHtml(c.name)} ${pct(p[c.id]!)}"></span>`)
        .join('');
      const top = model.codebook.categories.filter((c) => (p[c.id] ?? 0) > 0).sort((x, y) => p[y.id]! - p[x.id]!).slice(0, 3);
      return `<p style="margin:.6rem 0 .2rem"><strong>${escapeHtml(a.label)}</strong> <span class="muted small">— mostly ${top.map((c) => `${escapeHtml(c.name)} (${pct(p[c.id]!)})`).join(', ') || 'nothing tagged'}</span></p><div class="bar">${segs}</div>`;
    })
    .join('\n');
  const distances = [...comparison.distances]
    .filter((d) => Number.isFinite(d.distance))
    .sort((x, y) => y.distance - x.distance)
    .map((d) => {
      const label = new Map(comparison.authors.map((a) => [a.key, a.label]));
      const top = d.separating[0];
      const cat = top ? model.codebook.categories.find((c) => c.id === top.category) : undefined;
      return `<li>${escapeHtml(label.get(d.a) ?? '')} — ${escapeHtml(label.get(d.b) ?? '')}: <strong>${d.distance.toFixed(2)}</strong>${cat && top ? `, most on ${escapeHtml(cat.name)} (${pct(top.a)} vs ${pct(top.b)})` : ''}</li>`;
    })
    .join('\n');
  const agreementHtml = agreement
    ? `<p>Krippendorff’s unitizing alpha over ${agreement.coders.length} annotators (${agreement.coders.map((c) => escapeHtml(c.name)).join(', ')}): <strong>${formatAgreement(agreement.unitized.overall)}</strong> — ${alphaReadingLabels[readAlpha(agreement.unitized.overall)]}. Krippendorff (2004) advises relying on α ≥ 0.8 and drawing only tentative conclusions from 0.667 ≤ α &lt; 0.8.</p>
${scrollBox('Agreement by category', `<table><tr><th>Category</th><th>αu (passages)</th><th>α (sentences)</th><th>Fleiss’ κ</th><th>% agreement</th></tr>
${agreement.categories.map((c) => { const s = agreement.sentences.byCategory[c.id]!; return `<tr><td><span class="swatch" style="background:${c.color}"></span>${escapeHtml(c.name)}</td><td class="cell">${formatAgreement(agreement.unitized.byCategory[c.id] ?? Number.NaN)}</td><td class="cell">${formatAgreement(s.alpha)}</td><td class="cell">${formatAgreement(s.fleissKappa)}</td><td class="cell">${pct(s.percentAgreement)}</td></tr>`; }).join('\n')}
</table>`)}
<p class="small muted">Pairs (αu): ${agreement.unitized.pairs.map((p) => `${escapeHtml(agreement.coders.find((c) => c.id === p.a)?.name ?? '')}–${escapeHtml(agreement.coders.find((c) => c.id === p.b)?.name ?? '')} ${formatAgreement(p.overall)}`).join('; ')}. “n/c”: not computable.</p>`
    : `<p class="muted">${model.agreementWithheld ? escapeHtml(model.agreementWithheld) : 'Agreement needs at least two annotators’ layers in the export.'}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)} — annotated report</title><style>${css}</style></head>
<body><main>
<section class="title-page">
<p class="muted small">Parallax · ${escapeHtml(day(model.exportedAt))}</p>
<h1>${escapeHtml(model.title)}</h1>
<p>${escapeHtml(model.subtitle)}</p>
${model.description ? `<p class="muted">${escapeHtml(model.description)}</p>` : ''}
<p class="muted small">${escapeHtml(model.source)} ${model.counts.comments} comment${model.counts.comments === 1 ? '' : 's'}.</p>
<h3>Contents</h3>
<ol class="small"><li><a href="#codebook">Codebook</a></li><li><a href="#framing">${escapeHtml(model.framingHeading)}</a></li><li><a href="#agreement">Agreement</a></li>${model.projectMemo ? '<li><a href="#memo">Memo on the comparison</a></li>' : ''}${model.articles.map((a) => `<li><a href="#doc-${a.document.id}">${escapeHtml(a.title)}</a></li>`).join('')}</ol>
</section>
<h2 id="codebook">Codebook</h2>
${model.empty.codebook ? `<p class="empty">${escapeHtml(model.empty.codebook)}</p>` : scrollBox('Codebook', `<table>${codebook}</table>`)}
${attributes}
<h2 id="framing">${escapeHtml(model.framingHeading)}</h2>
${
  // Nothing to count: one sentence saying what is missing, rather than a grid of dashes.
  model.empty.framing
    ? `<p class="empty">${escapeHtml(model.empty.framing)}</p>`
    : `<p class="small muted">Share of each article’s text arguing each factor (overlapping passages counted once), from ${escapeHtml(model.comparisonSource)}.</p>
${scrollBox('Framing matrix', matrix)}
<h3>Framing profiles</h3>
<p class="small muted">Each author’s tagged text divided among the factors.</p>
${profiles}
<h3>Distance between authors</h3>
<p class="small muted">Jensen–Shannon distance between framing profiles: 0 = the same mix of factors, 1 = nothing in common.</p>
<ul class="small">${distances || '<li class="muted">Not enough tagged authors to compare.</li>'}</ul>`
}
<h2 id="agreement">Agreement</h2>
${agreementHtml}
${model.projectMemo ? `<h2 id="memo">Memo on the comparison</h2><div class="memo">${escapeHtml(model.projectMemo)}</div>` : ''}
${model.articles.map((a) => renderArticle(a, colorOf)).join('\n')}
</main></body></html>
`;
}
