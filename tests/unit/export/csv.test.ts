import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '@/lib/export/csv';
import { parseCsv } from '../../support/csv-reader';
import { cloneFixture, fixture, annotationIds } from './fixture';


/** What a cell should read after formula neutralising. */
const shown = (value: string | number | null | undefined) => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

describe('toCsv', () => {
  const csv = toCsv(fixture);

  it('starts with a BOM and ends every record with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every LF outside a quoted field is preceded by CR; the parser below refuses anything else.
    expect(() => parseCsv(csv.slice(1))).not.toThrow();
  });

  const [header, ...rows] = parseCsv(csv.slice(1));

  it('has the documented columns, one per attribute', () => {
    expect(header).toEqual([
      'Document ID',
      'Title',
      'Author',
      'Affiliation',
      'Outlet',
      'Published',
      'Source URL',
      'Annotation ID',
      'Layer',
      'Annotator',
      'Category',
      'Blame target',
      'Start',
      'End',
      'Unplaced',
      'Quote',
      'Note',
      'Created',
      'Updated',
    ]);
  });

  it('has one row per annotation of both layers, every row as wide as the header', () => {
    expect(rows).toHaveLength(fixture.annotations.length);
    for (const row of rows) expect(row).toHaveLength(header!.length);
    expect(new Set(rows.map((r) => r[7]))).toEqual(new Set(fixture.annotations.map((a) => a.id)));
    expect(rows.filter((r) => r[8] === 'consensus')).toHaveLength(3);
  });

  it('reads back every field of every annotation', () => {
    const column = (name: string) => header!.indexOf(name);
    for (const a of fixture.annotations) {
      const row = rows.find((r) => r[column('Annotation ID')] === a.id)!;
      const document = fixture.documents.find((d) => d.id === a.documentId)!;
      const category = fixture.categories.find((c) => c.id === a.categoryId)!;
      const annotator = fixture.users.find((u) => u.id === a.annotatorId)!;
      const blame = fixture.attributes[0]!.options.find((o) => o.value === a.attributes['blame-target']);
      expect(row).toEqual(
        [
          a.documentId,
          document.title,
          document.author,
          document.authorAffiliation,
          document.outlet,
          document.publishedOn,
          document.sourceUrl,
          a.id,
          a.layer === 'CONSENSUS' ? 'consensus' : 'annotator',
          annotator.name,
          category.path,
          blame?.label,
          a.start,
          a.end,
          a.orphaned ? 'yes' : null,
          a.quote,
          a.note === '' ? null : a.note,
          a.createdAt,
          a.updatedAt,
        ].map(shown),
      );
    }
  });

  it('keeps quotes with commas, quotation marks, line breaks and non-ASCII text intact', () => {
    const byId = new Map(rows.map((r) => [r[7], r]));
    expect(byId.get(annotationIds.a1)?.[15]).toBe('refused “written, verifiable guarantees” against the TTP');
    expect(byId.get(annotationIds.a1)?.[16]).toBe('Key claim, "verbatim" from the delegation');
    expect(byId.get(annotationIds.a6)?.[15]).toBe('were "doomed from the start" because neither side trusts the other');
    expect(byId.get(annotationIds.a9)?.[15]).toBe('"If this continues, we will be finished,"');
    expect(byId.get(annotationIds.a3)?.[15]).toBe('Trade through Ṭorkham has been shut for weeks 🚫, hurting traders on both sides.');
    expect(byId.get(annotationIds.a1)?.[10]).toBe('Security / TTP sanctuary');
    expect(byId.get(annotationIds.a8)?.[10]).toBe('Trade, transit and border economics');
    expect(csv).toContain('"Key claim, ""verbatim"" from the delegation"');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const byId = new Map(rows.map((r) => [r[7], r]));
    expect(byId.get(annotationIds.a3)?.[16]).toBe("'=SUM(A1:A2) looks like a formula\nsecond line: Ṭorkham");
    expect(byId.get(annotationIds.a4)?.[16]).toBe("'+1 agree with Ana");
    expect(byId.get(annotationIds.a10)?.[16]).toBe("'@Ana check the figure");
    expect(csvCell('-5%')).toBe("'-5%");
    expect(csvCell('\tindent')).toBe("'\tindent");
    // After leading whitespace, line breaks, or in their full-width forms, the starts still count.
    for (const start of ['\n=1+1', ' =1+1', '  @SUM(A1)', '\r\n-2', '＝1+1', '＋1', '－1', '＠A1', '\u3000=1']) {
      expect(csvCell(start).startsWith('"\'') || csvCell(start).startsWith("'"), JSON.stringify(start)).toBe(true);
    }
    // Text that merely contains them later is left alone.
    expect(csvCell('a = b')).toBe('a = b');
    expect(csvCell('email me@example.org')).toBe('email me@example.org');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0)).toBe('0');
  });

  it('lists rows in reading order: document, then start', () => {
    const order = rows.map((r) => [fixture.documents.findIndex((d) => d.id === r[0]), Number(r[12])] as const);
    const sorted = [...order].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(order).toEqual(sorted);
  });

  it('leaves null metadata and missing attribute values empty', () => {
    const row = rows.find((r) => r[7] === annotationIds.a9)!;
    expect(row[2]).toBe('');
    expect(row[5]).toBe('');
    expect(row[11]).toBe('');
    expect(row[16]).toBe('');
  });

  it('gives duplicate headers a number so every column stays addressable', () => {
    const snapshot = cloneFixture();
    snapshot.attributes[0]!.name = 'Quote';
    const [firstLine] = parseCsv(toCsv(snapshot).slice(1));
    expect(firstLine).toContain('Quote');
    expect(firstLine).toContain('Quote (2)');
  });
});
