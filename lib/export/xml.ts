// A small XML writer and a guarded reader for the REFI-QDA formats.
//
// Writing: elements either hold child elements (indented, whitespace between them is ignorable in
// QDA-XML, which has no mixed content) or text (written inline, every character kept). Text is
// escaped for XML 1.0: a carriage return becomes &#13; (a parser would otherwise turn CRLF into LF),
// and in attributes tabs and newlines become character references too (attribute-value
// normalisation would turn them into spaces). Characters XML 1.0 cannot carry at all (most C0
// controls, U+FFFE/U+FFFF, lone surrogates) become U+FFFD, so the file is always well-formed.
//
// Reading: saxes, a strict streaming parser (it checks well-formedness as it goes, and folds line
// ends as XML 1.0 §2.11 says). A DOCTYPE is refused outright: QDA-XML never needs one, and refusing
// it rules out entity-expansion bombs and external entities.
import { SaxesParser } from 'saxes';
import { ImportError } from './errors';

type AttributeValue = string | number | boolean | null | undefined;

export type XmlNode = {
  name: string;
  attributes: [string, AttributeValue][];
  children: XmlNode[];
  text: string | null;
};

/** An element with child elements (null and false children are skipped). */
export function element(
  name: string,
  attributes: Record<string, AttributeValue> = {},
  children: (XmlNode | null | false | undefined)[] = [],
): XmlNode {
  return {
    name,
    attributes: Object.entries(attributes),
    children: children.filter((child): child is XmlNode => Boolean(child)),
    text: null,
  };
}

/** An element holding text only. */
export function textElement(name: string, text: string, attributes: Record<string, AttributeValue> = {}): XmlNode {
  return { name, attributes: Object.entries(attributes), children: [], text };
}

// XML 1.0 Char production, minus what is escaped below; lone surrogates are caught by the `u` flag
// not matching them as part of a pair.
const invalidXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function replaceInvalid(value: string): string {
  return value.replace(invalidXmlChar, '\uFFFD');
}

export function escapeXmlText(value: string): string {
  return replaceInvalid(value).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeXmlAttribute(value: string): string {
  return replaceInvalid(value).replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

function renderAttributes(attributes: [string, AttributeValue][]): string {
  let out = '';
  for (const [name, value] of attributes) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}

function renderNode(node: XmlNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const open = `${node.name}${renderAttributes(node.attributes)}`;
  if (node.text !== null) {
    lines.push(`${indent}<${open}>${escapeXmlText(node.text)}</${node.name}>`);
  } else if (node.children.length === 0) {
    lines.push(`${indent}<${open}/>`);
  } else {
    lines.push(`${indent}<${open}>`);
    for (const child of node.children) renderNode(child, depth + 1, lines);
    lines.push(`${indent}</${node.name}>`);
  }
}

/** The document as UTF-8-declared XML text, LF line ends. */
export function renderXml(root: XmlNode): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  renderNode(root, 0, lines);
  return `${lines.join('\n')}\n`;
}

/** A parsed element: attributes as strings, child elements by local name. */
export type ParsedElement = Record<string, unknown>;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export type XmlExpectation = {
  root: string;
  /** The namespace, or a pattern of the variants accepted (tools write several spellings). */
  namespace: string | RegExp;
  what: string;
  arrays: ReadonlySet<string>;
  /** How the expected namespace is named in messages, e.g. "urn:QDA-XML:project:1.0". */
  namespaceLabel?: string;
  /** Accept a root element that declares no namespace at all (some tools omit it). */
  namespaceOptional?: boolean;
};

// The entities HTML defines that files written by hand or by HTML-minded tools use; XML itself
// defines only the five that saxes knows.
const htmlEntities: Record<string, string> = { nbsp: '\u00a0', cent: '¢', pound: '£', yen: '¥', euro: '€', copy: '©', reg: '®', inr: '₹' };

type Frame = { name: string; attributes: Record<string, string>; children: ParsedElement | null; text: string; setAside: boolean; depth: number };

/**
 * A reader of XML text given in pieces (saxes: a streaming, strict XML parser), building each
 * element the way the importers read them: an element with neither attributes nor child elements
 * is its text (`''` when empty); any other is an object of its attributes and child elements, by
 * name, the root's namespace prefix removed, with its text (if any is more than white space) as
 * `#text`. Elements named in `arrays` are always arrays; another that repeats becomes one.
 *
 * `setAside` names, by local names from the root's child down ("Sources", "TextSource"), elements
 * that are not built into the tree: each stands there as its attributes alone, and `onSetAside`
 * hears each one whole, in document order, as soon as its end tag is read. A file of 50,000
 * passages is then never a tree in memory all at once.
 */
function xmlReader(expected: XmlExpectation, setAside: readonly string[] | null, onSetAside: ((element: ParsedElement) => void) | null): { root: () => ParsedElement; write: (piece: string) => void; close: () => void } {
  const parser = new SaxesParser({ xmlns: false, position: true });
  Object.assign(parser.ENTITIES, htmlEntities);
  const stack: Frame[] = [];
  let prefix: string | null = null;
  let root: ParsedElement | null = null;
  let failure: Error | null = null;
  const strip = (name: string) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const add = (parent: ParsedElement, name: string, value: unknown) => {
    const key = strip(name);
    const existing = parent[key];
    if (expected.arrays.has(localName(name))) {
      if (Array.isArray(existing)) existing.push(value);
      else parent[key] = [value];
    } else if (existing === undefined) parent[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[key] = [existing, value];
  };
  const built = (frame: Frame): unknown => {
    const hasAttributes = Object.keys(frame.attributes).length > 0;
    if (!hasAttributes && frame.children === null) return frame.text;
    const out: ParsedElement = {};
    for (const [name, value] of Object.entries(frame.attributes)) out[strip(name)] = value;
    if (frame.children) Object.assign(out, frame.children);
    if (frame.text.trim() !== '' || (frame.children === null && frame.text !== '')) out['#text'] = frame.text;
    return out;
  };

  parser.on('doctype', () => {
    throw new ImportError(`${expected.what} declares a DOCTYPE, which QDA-XML never uses; it was refused for safety`);
  });
  // After a well-formedness error, saxes goes on reading; nothing more is built.
  parser.on('opentag', (tag) => {
    if (failure) return;
    const attributes = tag.attributes as Record<string, string>;
    if (stack.length === 0) {
      if (root !== null) throw new ImportError(`${expected.what} has no single root element`);
      const colon = tag.name.indexOf(':');
      prefix = colon === -1 ? '' : `${tag.name.slice(0, colon)}:`;
      if (localName(tag.name) !== expected.root) {
        throw new ImportError(`${expected.what} has the root element <${tag.name}>, but a ${expected.root} was expected`);
      }
      const declared = attributes[prefix === '' ? 'xmlns' : `xmlns:${prefix.slice(0, -1)}`];
      const matches =
        typeof declared === 'string'
          ? typeof expected.namespace === 'string'
            ? declared === expected.namespace
            : expected.namespace.test(declared.trim())
          : declared === undefined && expected.namespaceOptional === true;
      if (!matches) {
        const found = typeof declared === 'string' ? `the namespace "${declared}"` : 'no namespace';
        const wanted = expected.namespaceLabel ?? `"${String(expected.namespace)}"`;
        throw new ImportError(`${expected.what}: <${tag.name}> has ${found}, but ${wanted} was expected`);
      }
    }
    const parent = stack.at(-1);
    const depth = stack.length;
    // Set aside: at its place in the path, or inside one that is.
    const setAsideHere = parent?.setAside === true || (setAside !== null && depth === setAside.length && stack.slice(1).every((f, i) => localName(f.name) === setAside[i]) && localName(tag.name) === setAside[depth - 1]);
    stack.push({ name: tag.name, attributes, children: null, text: '', setAside: setAsideHere, depth });
  });
  const onText = (text: string) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (failure) return;
    const frame = stack.pop()!;
    const value = built(frame);
    const parent = stack.at(-1);
    if (!parent) {
      root = (value !== null && typeof value === 'object' ? value : {}) as ParsedElement;
      return;
    }
    const insideSetAside = parent.setAside;
    if (frame.setAside && !insideSetAside) {
      // The top of a set-aside element: handed over whole; the tree keeps its attributes.
      onSetAside?.(value as ParsedElement);
      const stub: ParsedElement = {};
      for (const [name, v] of Object.entries(frame.attributes)) stub[strip(name)] = v;
      parent.children ??= {};
      if (onSetAside === null) add(parent.children, frame.name, value);
      else add(parent.children, frame.name, stub);
      return;
    }
    parent.children ??= {};
    add(parent.children, frame.name, value);
  });
  parser.on('error', (error) => {
    failure ??= error;
  });

  const fail = (error: unknown): never => {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // saxes says "line:column: message", the column zero-based.
    const where = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
    throw new ImportError(where ? `${expected.what} is not well-formed XML (line ${where[1]}, column ${Number(where[2]) + 1}): ${where[3]}` : `${expected.what} could not be read as XML: ${message}`);
  };
  // A DOCTYPE is refused before it is parsed: it could declare entities (expansion bombs,
  // external files). The text comes in pieces, so the end of the last one is kept to find one
  // that a piece boundary cuts.
  let tail = '';
  let first = true;
  const write = (piece: string) => {
    try {
      let text = piece;
      if (first && text !== '') {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      if (/<!DOCTYPE/i.test(tail + text)) throw new ImportError(`${expected.what} declares a DOCTYPE, which QDA-XML never uses; it was refused for safety`);
      tail = text.length >= 8 ? text.slice(-8) : (tail + text).slice(-8);
      parser.write(text);
      if (failure) fail(failure);
    } catch (error) {
      fail(error);
    }
  };
  const close = () => {
    try {
      parser.close();
      if (failure) fail(failure);
      if (root === null) throw new ImportError(`${expected.what} has no single root element`);
    } catch (error) {
      fail(error);
    }
  };
  return { root: () => root ?? {}, write, close };
}

/** The text is fed to the parser in pieces of this many characters. */
const chunkChars = 1 << 16;

/**
 * Parses `xml` and returns its root element, checked to be `expected.root` in `expected.namespace`
 * (with or without a namespace prefix). `arrays` names the elements that may repeat, so they are
 * always arrays. Every failure is an ImportError naming `expected.what` ("project.qde").
 */
export function parseXmlDocument(xml: string, expected: XmlExpectation): ParsedElement {
  const reader = xmlReader(expected, null, null);
  for (let at = 0; at < xml.length; at += chunkChars) reader.write(xml.slice(at, at + chunkChars));
  reader.close();
  return reader.root();
}

/**
 * `parseXmlDocument` of a text that arrives in pieces (a large file, decoded as it is inflated),
 * so that neither its bytes nor its text are ever whole in memory. With `setAside` (local names
 * from the root's child down), those elements are left out of the tree but for their attributes;
 * `readSetAside` then reads them one at a time from another pass over the text.
 */
export async function parseXmlPieces(pieces: AsyncIterable<string>, expected: XmlExpectation & { setAside?: readonly string[] }): Promise<ParsedElement> {
  const reader = xmlReader(expected, expected.setAside ?? null, expected.setAside ? () => undefined : null);
  for await (const piece of pieces) reader.write(piece);
  reader.close();
  return reader.root();
}

/**
 * The elements `parseXmlPieces` set aside, each whole, in document order, from a new pass over
 * the text: only the element being read is built, and the text is read only as far as the next
 * element needs.
 */
export async function* readSetAside(pieces: AsyncIterable<string>, expected: XmlExpectation & { setAside: readonly string[] }): AsyncGenerator<ParsedElement> {
  const ready: ParsedElement[] = [];
  const reader = xmlReader(expected, expected.setAside, (element) => ready.push(element));
  for await (const piece of pieces) {
    reader.write(piece);
    while (ready.length > 0) yield ready.shift()!;
  }
  reader.close();
  while (ready.length > 0) yield ready.shift()!;
}
