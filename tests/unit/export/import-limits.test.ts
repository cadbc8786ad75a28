import { describe, expect, it } from 'vitest';
import { ImportError } from '@/lib/export/errors';
import { toQdc } from '@/lib/export/qdc';
import { fromQdc } from '@/lib/export/qdc';
import { toQdpx } from '@/lib/export/qdpx';
import { readQdpx } from '@/lib/export/qdpx-import';
import { limits } from '@/lib/validations/limits';
import { realDateTime } from '@/lib/validations/dates';
import { fromW3C, toW3C } from '@/lib/export/w3c';
import { cloneFixture } from './fixture';

// What an import keeps: every value whole up to the limits the forms have (lib/validations/limits.ts),
// a clear refusal past them, and fields the forms would refuse (a javascript: URL, a date that is no
// date) left out and listed, never stored.

async function refusal(run: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected the import to be refused');
}

describe('values an import keeps whole', () => {
  it('keeps a 124-character code name (MAXQDA writes them), long descriptions and notes, and refuses past the limit naming the field', async () => {
    const snapshot = cloneFixture();
    const longName = 'Economic interdependence and the cost of closing the border crossings at Torkham and Chaman to trade, transit and people'.padEnd(124, '.');
    expect(longName).toHaveLength(124);
    snapshot.categories[0]!.name = longName;
    snapshot.categories[0]!.path = longName;
    snapshot.categories[0]!.description = 'd'.repeat(15_000);
    snapshot.annotations[0]!.note = 'n'.repeat(60_000);
    const { snapshot: back } = await readQdpx(toQdpx(snapshot));
    expect(back.categories.find((c) => c.id === snapshot.categories[0]!.id)).toMatchObject({ name: longName, description: 'd'.repeat(15_000) });
    expect(back.annotations.find((a) => a.id === snapshot.annotations[0]!.id)!.note).toBe('n'.repeat(60_000));

    const tooLong = cloneFixture();
    tooLong.categories[0]!.name = 'x'.repeat(limits.categoryName + 1);
    tooLong.categories[0]!.path = tooLong.categories[0]!.name;
    const message = await refusal(() => readQdpx(toQdpx(tooLong)));
    expect(message).toMatch(/301 characters long; Parallax keeps at most 300 \(nothing was imported/);
  });

  it('keeps a codebook’s long names and refuses an over-long one with the limit', async () => {
    const snapshot = cloneFixture();
    snapshot.categories[1]!.name = 'y'.repeat(124);
    snapshot.categories[1]!.path = 'y'.repeat(124);
    expect(fromQdc(toQdc(snapshot)).categories.find((c) => c.id === snapshot.categories[1]!.id)!.name).toBe('y'.repeat(124));
    snapshot.categories[1]!.name = 'y'.repeat(limits.categoryName + 5);
    snapshot.categories[1]!.path = snapshot.categories[1]!.name;
    expect(await refusal(() => fromQdc(toQdc(snapshot)))).toMatch(/at most 300/);
  });
});

describe('fields the forms would refuse', () => {
  it('leaves out a javascript: or malformed source URL and a date that is no date, and lists each', async () => {
    const snapshot = cloneFixture();
    snapshot.documents[0]!.sourceUrl = 'javascript:alert(document.cookie)';
    snapshot.documents[1]!.sourceUrl = 'not a url';
    snapshot.documents[1]!.publishedOn = '2025-02-30';
    const { snapshot: back, summary } = await readQdpx(toQdpx(snapshot));
    expect(back.documents.map((d) => d.sourceUrl)).toEqual([null, null]);
    expect(back.documents[1]!.publishedOn).toBeNull();
    expect(summary.notImported).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'source URLs', count: 2, reason: 'only http:// and https:// addresses are kept' }),
        expect.objectContaining({ what: 'publication dates', count: 1 }),
      ]),
    );
    // Everything else of those articles still comes in.
    expect(back.annotations).toHaveLength(snapshot.annotations.length);
  });

  it('keeps an http(s) URL with a query string as it is', async () => {
    const snapshot = cloneFixture();
    const { snapshot: back } = await readQdpx(toQdpx(snapshot));
    expect(back.documents[0]!.sourceUrl).toBe(snapshot.documents[0]!.sourceUrl);
  });
});

describe('dates', () => {
  it('takes only real dates PostgreSQL can store', () => {
    expect(realDateTime('2025-11-02T09:15:00Z')).toBe('2025-11-02T09:15:00.000Z');
    expect(realDateTime('2019-05-17T10:55:57.1234567+02:00')).toBe('2019-05-17T08:55:57.123Z');
    expect(realDateTime('2025-11-02')).toBe('2025-11-02T00:00:00.000Z');
    for (const bad of ['+200000-01-01T00:00:00Z', '2025-02-30T00:00:00Z', '2025-13-01', 'yesterday', '', '0000-01-01T00:00:00Z']) expect(realDateTime(bad), bad).toBeNull();
  });

  it('refuses a Parallax W3C file whose dates are no dates, naming the annotation', () => {
    const file = JSON.parse(JSON.stringify(toW3C(cloneFixture()))) as { first?: { items: Record<string, unknown>[] } };
    file.first!.items[0]!.created = '2025-02-30T00:00:00Z';
    expect(() => fromW3C(file)).toThrow(/annotation 1: created is not valid \(not a real date and time/);
  });
});
