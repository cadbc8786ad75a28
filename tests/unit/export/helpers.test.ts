import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '@/lib/export/code-points';
import { toCsv } from '@/lib/export/csv';
import { ImportError } from '@/lib/export/errors';
import { deriveGuid, normalizeGuid } from '@/lib/export/guid';
import { parentsFirst } from '@/lib/export/snapshot';
import { categoryPaths } from '@/lib/codebook/tree';
import { element, parseXmlDocument, renderXml, textElement } from '@/lib/export/xml';
import { cloneFixture } from './fixture';

describe('CodePointIndex', () => {
  it('converts around characters outside the BMP', () => {
    const index = new CodePointIndex('a😀b🚫c');
    expect([0, 1, 3, 4, 6, 7].map((u) => index.toPoints(u))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((p) => index.toUnits(p))).toEqual([0, 1, 3, 4, 6, 7]);
    expect(index.pointLength).toBe(5);
    expect(index.unitLength).toBe(7);
  });

  it('agrees with iterating the string by code points, for any text', () => {
    const codePoint = fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c));
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'ā', '—', '😀', '🚫', '\n'), codePoint), maxLength: 60 });
    fc.assert(
      fc.property(text, (value) => {
        const index = new CodePointIndex(value);
        const characters = [...value];
        expect(index.pointLength).toBe(characters.length);
        let units = 0;
        characters.forEach((character, points) => {
          expect(index.toPoints(units)).toBe(points);
          expect(index.toUnits(points)).toBe(units);
          units += character.length;
        });
        expect(index.toUnits(characters.length)).toBe(value.length);
      }),
    );
  });

  it('counts a lone surrogate as one character', () => {
    const index = new CodePointIndex('a\uD800b');
    expect(index.pointLength).toBe(3);
    expect(index.toPoints(2)).toBe(2);
  });
});

describe('category trees', () => {
  const tree = [
    { id: 'c', parentId: 'b', name: 'Leaf' },
    { id: 'b', parentId: 'a', name: 'Branch' },
    { id: 'a', parentId: null, name: 'Root' },
  ];

  it('puts every parent before its children', () => {
    expect(parentsFirst(tree).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(categoryPaths(tree).get('c')).toBe('Root / Branch / Leaf');
  });

  it('rejects a missing parent and a cycle of parents', () => {
    expect(() => parentsFirst([{ id: 'x', parentId: 'gone' }])).toThrow(ImportError);
    expect(() => parentsFirst([{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }])).toThrow(/cycle of parents/);
  });
});

describe('GUIDs', () => {
  it('derives RFC 9562 version-5 UUIDs (same as Python’s uuid.uuid5)', () => {
    // uuid.uuid5(uuid.UUID('4666f1c8-2118-46c7-a3a4-3f025cecbe30'), 'variable:title')
    expect(deriveGuid('variable:title')).toBe('7edd9d73-cf2a-5a69-864d-2de12813a9a5');
    expect(deriveGuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('normalises braced, upper-case GUIDs and rejects other strings', () => {
    expect(normalizeGuid('{AAAAAAAA-0000-4000-8000-00000000000F}')).toBe('aaaaaaaa-0000-4000-8000-00000000000f');
    expect(normalizeGuid(' aaaaaaaa-0000-4000-8000-00000000000f ')).toBe('aaaaaaaa-0000-4000-8000-00000000000f');
    expect(normalizeGuid('not-a-guid')).toBeNull();
  });
});

describe('XML writer and reader', () => {
  const what = { root: 'R', namespace: 'urn:test', what: 'the test file', arrays: new Set(['T']) };

  it('writes any text so that it reads back the same (but for characters XML cannot hold)', () => {
    const awkward = ['a & b < c > d " e \' f', 'tab\tnew\nline\r\ncr\r', '  padded  ', 'Ṭorkham 🚫 —', '&amp; literally', ']]> end'];
    const xml = renderXml(
      element(
        'R',
        { xmlns: 'urn:test', attr: awkward.join('|') },
        awkward.map((t) => textElement('T', t)),
      ),
    );
    const root = parseXmlDocument(xml, what);
    expect(root.T).toEqual(awkward);
    expect(root.attr).toBe(awkward.join('|'));
    const control = parseXmlDocument(renderXml(element('R', { xmlns: 'urn:test' }, [textElement('T', 'bell\u0007 nul\u0000')])), what);
    expect(control.T).toEqual(['bell\uFFFD nul\uFFFD']);
  });

  it('accepts a prefixed root in the right namespace and refuses the rest', () => {
    expect(parseXmlDocument('<p:R xmlns:p="urn:test"><p:T>x</p:T></p:R>', what).T).toEqual(['x']);
    expect(() => parseXmlDocument('<R xmlns="urn:other"/>', what)).toThrow(ImportError);
    expect(() => parseXmlDocument('<R xmlns="urn:test">', what)).toThrow(/not well-formed XML \(line 1/);
    expect(() => parseXmlDocument('<!DOCTYPE R><R xmlns="urn:test"/>', what)).toThrow(/DOCTYPE/);
  });
});

describe('exporters and a broken snapshot', () => {
  it('fail loudly when an annotation points at something the snapshot lacks', () => {
    const snapshot = cloneFixture();
    snapshot.annotations[0]!.categoryId = 'missing';
    expect(() => toCsv(snapshot)).toThrow(/refers to the category missing/);
  });
});
