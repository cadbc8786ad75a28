import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { categoryPalette } from '@/lib/codebook/palette';
import { ImportError } from '@/lib/export/errors';
import { fromQdc, toQdc } from '@/lib/export/qdc';
import { fixture, ids } from './fixture';
import { hasRefiReference, hasXmllint, noteSkipped, refiDir, validateWithXmllint } from './reference';

const tempDir = mkdtempSync(path.join(tmpdir(), 'parallax-qdc-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function expectImportError(run: () => unknown, message: string | RegExp) {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ImportError);
  expect((thrown as Error).message).toMatch(message);
}

describe('toQdc', () => {
  const xml = toQdc(fixture);

  it('is a CodeBook in the codebook namespace with nested codes and the attribute code', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1\.0"[^>]* origin="Parallax">/);
    expect(xml).toContain(`<Code guid="${ids.security}" name="Security" isCodable="true" color="#4e79a7">\n      <Code guid="${ids.sanctuary}"`);
    expect(xml).toContain(`<Code guid="${ids.blame}" name="Attribute: Blame target" isCodable="false">`);
    expect(xml).toContain('&quot;ideological&quot; ties &lt;with&gt;'.replaceAll('&quot;', '"'));
  });

  it('refuses an empty codebook, which the format cannot express', () => {
    expect(() => toQdc({ categories: [], attributes: [] })).toThrow(/at least one code/);
  });

  describe.skipIf(!hasRefiReference || !hasXmllint)('against the REFI-QDA XSD (xmllint)', () => {
    it('validates against Codebook-mrt2019.xsd', () => {
      const file = path.join(tempDir, 'codebook.qdc');
      writeFileSync(file, xml);
      const result = validateWithXmllint(file, path.join(refiDir, 'Codebook-mrt2019.xsd'));
      expect(result.output).toMatch(/validates$/);
      expect(result.ok).toBe(true);
    });

    it('the validator rejects a code without isCodable', () => {
      const file = path.join(tempDir, 'broken.qdc');
      writeFileSync(file, xml.replace(' isCodable="false"', ''));
      expect(validateWithXmllint(file, path.join(refiDir, 'Codebook-mrt2019.xsd')).ok).toBe(false);
    });
  });
});

if (!hasRefiReference || !hasXmllint) noteSkipped('the REFI-QDA codebook XSD checks', hasRefiReference ? 'xmllint is not installed' : `${refiDir} is not there`);

describe('fromQdc', () => {
  it('reads the codebook back: parents, paths, colours, descriptions, positions and attributes', () => {
    expect(fromQdc(toQdc(fixture))).toEqual({ categories: fixture.categories, attributes: fixture.attributes, categoryGroups: [], notImported: [], origin: 'Parallax' });
  });

  it('gives a code without a colour the first palette colour no other code uses', () => {
    const xml = `<?xml version="1.0"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Elsewhere">
  <Codes>
    <Code guid="{0F1E2D3C-0000-4000-8000-000000000001}" name="Blue already" isCodable="true" color="${categoryPalette[0].hex}"/>
    <Code guid="{0F1E2D3C-0000-4000-8000-000000000002}" name="No colour" isCodable="true">
      <Description>Needs one.</Description>
      <Code guid="0f1e2d3c-0000-4000-8000-000000000003" name="Child, no colour either" isCodable="true"/>
    </Code>
    <Code guid="0f1e2d3c-0000-4000-8000-000000000004" name="Attribute: Tone" isCodable="false">
      <Code guid="0f1e2d3c-0000-4000-8000-000000000005" name="Very negative" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>`;
    const { categories, attributes } = fromQdc(xml);
    expect(categories).toEqual([
      // The ids keep the file's spelling of each GUID (braces, upper case): they go back out as written.
      { id: '{0F1E2D3C-0000-4000-8000-000000000001}', parentId: null, name: 'Blue already', path: 'Blue already', description: '', color: categoryPalette[0].hex, position: 0 },
      { id: '{0F1E2D3C-0000-4000-8000-000000000002}', parentId: null, name: 'No colour', path: 'No colour', description: 'Needs one.', color: categoryPalette[1].hex, position: 1 },
      {
        id: '0f1e2d3c-0000-4000-8000-000000000003',
        parentId: '{0F1E2D3C-0000-4000-8000-000000000002}',
        name: 'Child, no colour either',
        path: 'No colour / Child, no colour either',
        description: '',
        color: categoryPalette[2].hex,
        position: 0,
      },
    ]);
    expect(attributes).toEqual([
      {
        id: '0f1e2d3c-0000-4000-8000-000000000004',
        key: 'tone',
        name: 'Tone',
        description: '',
        options: [{ id: '0f1e2d3c-0000-4000-8000-000000000005', value: 'very-negative', label: 'Very negative' }],
      },
    ]);
  });

  it('refuses bad files with a message naming the problem', () => {
    expectImportError(() => fromQdc('<CodeBook'), /not well-formed XML/);
    expectImportError(() => fromQdc('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'), /root element <Project>, but a CodeBook was expected/);
    expectImportError(() => fromQdc('<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes/></CodeBook>'), /namespace "urn:QDA-XML:project:1.0", but "urn:QDA-XML:codebook:1.0"/);
    expectImportError(() => fromQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'), /no <Codes> with at least one <Code>/);
    expectImportError(
      () => fromQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="nope" name="A" isCodable="true"/></Codes></CodeBook>'),
      /the code "A" has the GUID "nope", which is not a GUID/,
    );
    expectImportError(
      () => fromQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f1e2d3c-0000-4000-8000-000000000001" name="A"/></Codes></CodeBook>'),
      /Codes › Code 1 › isCodable is missing/,
    );
  });
});

describe('fromQdc on ATLAS.ti 23.4’s code groups', () => {
  // ATLAS.ti Win 23.4.0 names a set's member as <MemberCode guid="…"/>, not targetGUID as
  // CodeRefType says (the file RE-QDA/requal's tests read). It used to refuse the whole codebook.
  const atlas = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:codebook:0:4 Codebook.xsd" origin="ATLAS.ti Win 23.4.0" xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="code1" color="#46AA00" isCodable="true"><Description>description</Description></Code>
  </Codes>
  <Sets>
    <Set name="code group 1" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0"><Description>kategorie 1</Description><MemberCode guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" /></Set>
  </Sets>
</CodeBook>`;

  it('reads a member named by guid= as the standard’s targetGUID', () => {
    const read = fromQdc(atlas);
    expect(read.categoryGroups).toEqual([{ id: 'ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0', name: 'code group 1', description: 'kategorie 1', memberIds: ['1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294'] }]);
    expect(read.notImported).toEqual([]);
  });

  it('still refuses a member that names no code at all', () => {
    expectImportError(() => fromQdc(atlas.replace(' guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" />', ' />')), /Sets › Set 1: MemberCode 1 /);
  });
});
