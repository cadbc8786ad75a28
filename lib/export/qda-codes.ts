// The codebook as REFI-QDA codes, shared by the project (.qdpx) and codebook (.qdc) formats, which
// declare the same Code element in their own namespaces.
//
// Categories are codes (isCodable="true", nested by parentId, siblings in `position` order, colour
// and Description as stored). QDA-XML has no attributes of codings, so each Parallax attribute is a
// non-codable code "Attribute: <name>" whose codable children are its options (name = the option's
// label), placed after the categories. An annotation's attribute value is then a second coding of
// the same selection with the option's code, which every QDA tool can show and count. The machine
// names Parallax needs back are one marker line at the end of the Description:
// "Parallax attribute key: blame-target" on the attribute, "Parallax attribute value: pakistan" on
// each option. A codebook made elsewhere without them still imports: a non-codable code named
// "Attribute: …" becomes an attribute, and keys and values are slugs of the names.
import { z } from 'zod';
import { pickUnusedColor } from '@/lib/codebook/palette';
import { ImportError, importErrorFromIssues } from './errors';
import { normalizeGuid } from './guid';
import { limits, type LimitedField } from '@/lib/validations/limits';
import { childrenByParent } from './snapshot';
import { categoryPaths } from '@/lib/codebook/tree';
import { slugify } from '@/lib/slug';
import type { ExportAttribute, ExportCategory } from './types';
import { element, textElement, type XmlNode } from './xml';

export const attributeCodePrefix = 'Attribute: ';
const keyMarker = 'Parallax attribute key: ';
const valueMarker = 'Parallax attribute value: ';

function withMarker(description: string, marker: string): string {
  return description === '' ? marker : `${description}\n\n${marker}`;
}

/** Splits "text\n\n<prefix>value" into the text and the value (null when there is no marker). */
function splitMarker(description: string, prefix: string): { text: string; value: string | null } {
  const last = description.slice(description.lastIndexOf('\n') + 1);
  if (!last.startsWith(prefix)) return { text: description, value: null };
  const value = last.slice(prefix.length).trim();
  const head = description.slice(0, description.length - last.length);
  // withMarker() put exactly "\n\n" before the marker; a hand-written file may have put one "\n".
  const text = head.endsWith('\n\n') ? head.slice(0, -2) : head.replace(/\n$/, '');
  return { text, value: value === '' ? null : value };
}

function categoryCode(category: ExportCategory, groups: Map<string | null, ExportCategory[]>): XmlNode {
  return element('Code', { guid: category.id, name: category.name, isCodable: 'true', color: category.color }, [
    category.description !== '' && textElement('Description', category.description),
    ...(groups.get(category.id) ?? []).map((child) => categoryCode(child, groups)),
  ]);
}

function attributeCode(attribute: ExportAttribute): XmlNode {
  return element('Code', { guid: attribute.id, name: `${attributeCodePrefix}${attribute.name}`, isCodable: 'false' }, [
    textElement('Description', withMarker(attribute.description, `${keyMarker}${attribute.key}`)),
    ...attribute.options.map((option) =>
      element('Code', { guid: option.id, name: option.label, isCodable: 'true' }, [textElement('Description', `${valueMarker}${option.value}`)]),
    ),
  ]);
}

/** The <Code> elements of a codebook: categories first, then one code per attribute. */
export function renderCodes(categories: readonly ExportCategory[], attributes: readonly ExportAttribute[]): XmlNode[] {
  const groups = childrenByParent(categories);
  return [...(groups.get(null) ?? []).map((c) => categoryCode(c, groups)), ...attributes.map(attributeCode)];
}

export type ParsedCode = {
  guid: string;
  name: string;
  isCodable: string;
  color?: string | undefined;
  Description?: string | undefined;
  Code?: ParsedCode[] | undefined;
};

export const parsedCodeSchema: z.ZodType<ParsedCode> = z.lazy(() =>
  z.object({
    guid: z.string(),
    name: z.string(),
    isCodable: z.enum(['true', 'false', '1', '0']),
    color: z.string().optional(),
    Description: z.string().optional(),
    Code: z.array(parsedCodeSchema).optional(),
  }),
);

/** What a code GUID stands for in Parallax terms. */
export type CodeMeaning =
  | { kind: 'category'; categoryId: string }
  | { kind: 'attribute'; attributeKey: string }
  | { kind: 'option'; attributeKey: string; value: string };

export type ReadCodebook = { categories: ExportCategory[]; attributes: ExportAttribute[]; codes: Map<string, CodeMeaning> };

const rgb = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

function expandColor(color: string): string {
  return color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
}

function isAttributeCode(code: ParsedCode): boolean {
  const codable = code.isCodable === 'true' || code.isCodable === '1';
  return !codable && (code.name.startsWith(attributeCodePrefix) || splitMarker(code.Description ?? '', keyMarker).value !== null);
}

/**
 * Categories and attributes from parsed <Code> elements. A category without a valid colour gets
 * the first colour of Parallax's category palette (lib/codebook/palette.ts: Tableau 10, then six
 * darker hues) that no other category of the codebook uses yet, as a new category would.
 * Positions are the order among siblings. `where` names the file in error messages.
 */
export function readCodes(parsedCodes: readonly unknown[], where: string, options: { keepGuidSpelling?: boolean } = {}): ReadCodebook {
  const parsed = z.array(parsedCodeSchema).safeParse(parsedCodes);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ ...i, path: ['CodeBook', 'Codes', 'Code', ...i.path] }));
    throw importErrorFromIssues(where, issues, { CodeBook: { Codes: { Code: parsedCodes } } });
  }

  const codes = new Map<string, CodeMeaning>();
  const categories: (Omit<ExportCategory, 'color' | 'path'> & { color: string | null })[] = [];
  const attributes: ExportAttribute[] = [];

  // `codes` is keyed by the normalised GUID (references in a file may spell a GUID differently from
  // its code); the ids given to categories, attributes and options are the GUIDs as the file spells
  // them when asked (so an export writes the other tool's identities back), else normalised.
  const seen = new Set<string>();
  const guidOf = (code: ParsedCode) => {
    const guid = normalizeGuid(code.guid);
    if (guid === null) throw new ImportError(`${where}: the code "${code.name}" has the GUID "${code.guid}", which is not a GUID`);
    if (seen.has(guid)) throw new ImportError(`${where}: the GUID ${code.guid.trim()} is used by more than one code (again by "${code.name}")`);
    seen.add(guid);
    return options.keepGuidSpelling ? code.guid.trim() : guid;
  };
  const keyOf = (id: string) => normalizeGuid(id) ?? id;

  const readAttribute = (code: ParsedCode) => {
    const id = guidOf(code);
    const name = code.name.startsWith(attributeCodePrefix) ? code.name.slice(attributeCodePrefix.length) : code.name;
    const { text, value } = splitMarker(code.Description ?? '', keyMarker);
    const key = value ?? slugify(name, { fallback: 'imported' });
    if (attributes.some((a) => a.key === key)) throw new ImportError(`${where}: two attributes have the key "${key}"`);
    codes.set(keyOf(id), { kind: 'attribute', attributeKey: key });
    const options = (code.Code ?? []).map((optionCode) => {
      const optionId = guidOf(optionCode);
      const optionValue = splitMarker(optionCode.Description ?? '', valueMarker).value ?? slugify(optionCode.name, { fallback: 'imported' });
      codes.set(keyOf(optionId), { kind: 'option', attributeKey: key, value: optionValue });
      return { id: optionId, value: optionValue, label: optionCode.name };
    });
    attributes.push({ id, key, name, description: text, options });
  };

  const readCategory = (code: ParsedCode, parentId: string | null, position: number) => {
    const id = guidOf(code);
    codes.set(keyOf(id), { kind: 'category', categoryId: id });
    const color = code.color !== undefined && rgb.test(code.color.trim()) ? expandColor(code.color.trim()) : null;
    categories.push({ id, parentId, name: code.name, description: code.Description ?? '', color, position });
    (code.Code ?? []).forEach((child, i) => readCategory(child, id, i));
  };

  let position = 0;
  for (const code of parsed.data) {
    if (isAttributeCode(code)) readAttribute(code);
    else readCategory(code, null, position++);
  }

  // The forms' limits hold for imports too, and a value past one refuses the file rather than
  // being cut: the reader of a .qdpx and of a .qdc both come through here.
  for (const c of categories) {
    checkImportLength(c.name, 'categoryName', `${where}: the code "${clip(c.name)}"’s name`);
    checkImportLength(c.description, 'categoryDescription', `${where}: the description of the code "${clip(c.name)}"`);
  }
  for (const a of attributes) {
    checkImportLength(a.name, 'attributeName', `${where}: the attribute "${clip(a.name)}"’s name`);
    for (const o of a.options) checkImportLength(o.label, 'optionLabel', `${where}: the option "${clip(o.label)}" of "${clip(a.name)}"`);
  }

  const used = categories.flatMap((c) => (c.color === null ? [] : [c.color]));
  const paths = categoryPaths(categories);
  const withColors = categories.map((category): ExportCategory => {
    let color = category.color;
    if (color === null) {
      color = pickUnusedColor(used);
      used.push(color);
    }
    return { ...category, color, path: paths.get(category.id) ?? category.name };
  });
  return { categories: withColors, attributes, codes };
}

const clip = (text: string, max = 60) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/**
 * `value` when it is within the field's limit (lib/validations/limits.ts); otherwise an ImportError
 * that names the field, the length and the limit, and says that nothing was imported.
 */
export function checkImportLength(value: string, field: LimitedField, what: string): string {
  const max = limits[field];
  if (value.length > max) {
    throw new ImportError(`${what} is ${value.length.toLocaleString('en')} characters long; Parallax keeps at most ${max.toLocaleString('en')} (nothing was imported: shorten it in the other tool, or ask for the limit to be raised)`);
  }
  return value;
}
