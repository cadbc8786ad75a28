// A small XML writer and a guarded reader for the REFI-QDA formats.
//
// Writing: elements either hold child elements (indented, whitespace between them is ignorable in
// QDA-XML, which has no mixed content) or text (written inline, every character kept). Text is
// escaped for XML 1.0: a carriage return becomes &#13; (a parser would otherwise turn CRLF into LF),
// and in attributes tabs and newlines become character references too (attribute-value
// normalisation would turn them into spaces). Characters XML 1.0 cannot carry at all (most C0
// controls, U+FFFE/U+FFFF, lone surrogates) become U+FFFD, so the file is always well-formed.
//
// Reading: fast-xml-parser after a well-formedness check. A DOCTYPE is refused outright: QDA-XML
// never needs one, and refusing it rules out entity-expansion bombs and external entities.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

function stripPrefix(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => stripPrefix(item, prefix));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key.startsWith(prefix) ? key.slice(prefix.length) : key] = stripPrefix(child, prefix);
  }
  return out;
}

/**
 * Parses `xml` and returns its root element, checked to be `expected.root` in `expected.namespace`
 * (with or without a namespace prefix). `arrays` names the elements that may repeat, so they are
 * always arrays. Every failure is an ImportError naming `expected.what` ("project.qde").
 */
export function parseXmlDocument(
  xml: string,
  expected: {
    root: string;
    /** The namespace, or a pattern of the variants accepted (tools write several spellings). */
    namespace: string | RegExp;
    what: string;
    arrays: ReadonlySet<string>;
    /** How the expected namespace is named in messages, e.g. "urn:QDA-XML:project:1.0". */
    namespaceLabel?: string;
    /** Accept a root element that declares no namespace at all (some tools omit it). */
    namespaceOptional?: boolean;
  },
): ParsedElement {
  // XML end-of-line handling (XML 1.0 §2.11), which the parser leaves to us.
  const source = xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/<!DOCTYPE/i.test(source)) {
    throw new ImportError(`${expected.what} declares a DOCTYPE, which QDA-XML never uses; it was refused for safety`);
  }
  const validation = XMLValidator.validate(source);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new ImportError(`${expected.what} is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && expected.arrays.has(localName(name)),
  });
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(source) as Record<string, unknown>;
  } catch (error) {
    throw new ImportError(`${expected.what} could not be read as XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const roots = Object.keys(parsed).filter((key) => key !== '#text');
  const rootName = roots[0];
  if (roots.length !== 1 || rootName === undefined) {
    throw new ImportError(`${expected.what} has no single root element`);
  }
  const colon = rootName.indexOf(':');
  const prefix = colon === -1 ? '' : rootName.slice(0, colon);
  if (localName(rootName) !== expected.root) {
    throw new ImportError(`${expected.what} has the root element <${rootName}>, but a ${expected.root} was expected`);
  }
  const rootValue = parsed[rootName];
  const root: ParsedElement = rootValue !== null && typeof rootValue === 'object' && !Array.isArray(rootValue) ? (rootValue as ParsedElement) : {};
  const declared = root[prefix === '' ? 'xmlns' : `xmlns:${prefix}`];
  const matches =
    typeof declared === 'string'
      ? typeof expected.namespace === 'string'
        ? declared === expected.namespace
        : expected.namespace.test(declared.trim())
      : declared === undefined && expected.namespaceOptional === true;
  if (!matches) {
    const found = typeof declared === 'string' ? `the namespace "${declared}"` : 'no namespace';
    const wanted = expected.namespaceLabel ?? `"${String(expected.namespace)}"`;
    throw new ImportError(`${expected.what}: <${rootName}> has ${found}, but ${wanted} was expected`);
  }
  return (prefix === '' ? root : stripPrefix(root, `${prefix}:`)) as ParsedElement;
}
