// An independent REFI-QDA (QDA-XML 1.0) project reader, for tests only. It is written from the
// standard (Project-mrt2019.xsd and the REFI-QDA Project Exchange text), not from Parallax's
// importer, and shares no code with lib/export: its own zip reader (central directory + node:zlib's
// raw inflate), its own XML parser, its own position arithmetic. When Parallax's writer and this
// reader agree, the file says what the standard says, not merely what Parallax's own reader
// expects. It is deliberately plain: it reads what the standard defines and reports every broken
// reference it sees in `problems`, rather than guessing the way a production importer must.
//
// What it takes from the standard:
// - A .qdpx is a zip holding project.qde at its root and the sources' files in a "Sources" folder;
//   plainTextPath="internal://<file>" names a file there (the folder is matched in any case, as
//   tools spell it "Sources" or "sources"). A TextSource has its text either in that file (UTF-8)
//   or inline in PlainTextContent.
// - PlainTextSelection startPosition/endPosition are zero-based positions of characters of the
//   plain text, end exclusive. A character is a Unicode code point ([...text] in JavaScript), so an
//   emoji outside the BMP counts once.
// - Element order and names as in the XSD (namespace urn:QDA-XML:project:1.0); GUIDs in either
//   spelling the GUIDType allows (bare or braced, any case): they are compared lower-cased without
//   braces.
// - XML 1.0: line ends are normalised to LF before parsing (so only &#13; gives a CR), attribute
//   values are normalised (literal tab/CR/LF become spaces), the five predefined entities and
//   character references are expanded, CDATA is text, comments and processing instructions are
//   skipped, a DOCTYPE is refused (QDA-XML has none).
import { inflateRawSync } from 'node:zlib';

export const qdaNamespace = 'urn:QDA-XML:project:1.0';

// ─── Zip ────────────────────────────────────────────────────────────────────────────────────────

export type ZipEntry = { name: string; data: Uint8Array };

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Every file of a zip (PKWARE APPNOTE: end of central directory → central directory → local headers). */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes, or earlier by its comment's length.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) throw new Error('zip: no end-of-central-directory record');
  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new Error('zip: ZIP64 archives are not supported here');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const latin1 = new TextDecoder('latin1');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`zip: central directory entry ${i} has a bad signature`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise it is CP437, which agrees with Latin-1 for ASCII names.
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1.decode(nameBytes);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) throw new Error(`zip: ${name} is encrypted`);

    if (view.getUint32(localOffset, true) !== 0x04034b50) throw new Error(`zip: ${name} has a bad local header`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) data = new Uint8Array(inflateRawSync(raw));
    else throw new Error(`zip: ${name} uses compression method ${method}`);
    if (data.length !== size) throw new Error(`zip: ${name} inflated to ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`zip: ${name} fails its CRC-32`);
    if (!name.endsWith('/')) entries.push({ name, data });
  }
  return entries;
}

// ─── XML ────────────────────────────────────────────────────────────────────────────────────────

export type XmlElement = {
  /** Local name. */
  name: string;
  /** Namespace URI, '' for none. */
  namespace: string;
  /** Unprefixed attributes (QDA-XML's are all unprefixed), after attribute-value normalisation. */
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own character data (CDATA included), concatenated. */
  text: string;
};

const nameStart = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const nameChar = /[-.0-9\u00B7\u0300-\u036F\u203F-\u2040A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;

/** A small XML 1.0 parser with namespaces: enough for QDA-XML, strict where it matters. */
export function parseXml(source: string): XmlElement {
  const input = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let at = 0;
  const fail = (message: string): never => {
    const before = input.slice(0, at);
    const line = before.split('\n').length;
    throw new Error(`xml: ${message} (line ${line})`);
  };
  const startsWith = (s: string) => input.startsWith(s, at);
  const skipSpace = () => {
    while (at < input.length && ' \t\n'.includes(input[at]!)) at++;
  };
  const readName = (): string => {
    const begin = at;
    if (!nameStart.test(input[at] ?? '')) fail('a name was expected');
    at++;
    while (at < input.length && nameChar.test(input[at]!)) at++;
    return input.slice(begin, at);
  };
  const expandReferences = (raw: string): string =>
    raw.replace(/&([^;&]*);|&/g, (whole, body: string | undefined) => {
      if (body === undefined) return fail('a bare "&"');
      const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
      if (body in predefined) return predefined[body]!;
      const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
      if (!numeric) return fail(`the entity &${body}; is not defined`);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed) return fail(`${whole} is not a character XML allows`);
      return String.fromCodePoint(code);
    });
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) {
        const end = input.indexOf('-->', at + 4);
        if (end === -1) fail('an unterminated comment');
        at = end + 3;
      } else if (startsWith('<?')) {
        const end = input.indexOf('?>', at + 2);
        if (end === -1) fail('an unterminated processing instruction');
        at = end + 2;
      } else if (startsWith('<!DOCTYPE')) {
        fail('a DOCTYPE (QDA-XML has none)');
      } else return;
    }
  };

  type Scope = Map<string, string>;
  const parseElement = (scope: Scope): XmlElement => {
    if (!startsWith('<')) fail('an element was expected');
    at++;
    const qualified = readName();
    const rawAttributes: [string, string][] = [];
    for (;;) {
      const hadSpace = at < input.length && ' \t\n'.includes(input[at]!);
      skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (!hadSpace) fail(`attributes of <${qualified}> must be separated by spaces`);
      const attribute = readName();
      skipSpace();
      if (input[at] !== '=') fail(`"=" expected after ${attribute}`);
      at++;
      skipSpace();
      const quote = input[at];
      if (quote !== '"' && quote !== "'") fail(`a quoted value expected for ${attribute}`);
      const end = input.indexOf(quote!, at + 1);
      if (end === -1) fail(`an unterminated value for ${attribute}`);
      const raw = input.slice(at + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of ${attribute}`);
      if (rawAttributes.some(([n]) => n === attribute)) fail(`${attribute} twice on <${qualified}>`);
      // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space becomes a space, a
      // character reference stays what it names.
      rawAttributes.push([attribute, expandReferences(raw.replace(/[\t\n]/g, ' '))]);
      at = end + 1;
    }
    const inner: Scope = new Map(scope);
    for (const [name, value] of rawAttributes) {
      if (name === 'xmlns') inner.set('', value);
      else if (name.startsWith('xmlns:')) inner.set(name.slice(6), value);
    }
    const colon = qualified.indexOf(':');
    const prefix = colon === -1 ? '' : qualified.slice(0, colon);
    const namespace = inner.get(prefix);
    if (prefix !== '' && namespace === undefined) fail(`the prefix "${prefix}" is not declared`);
    const element: XmlElement = {
      name: colon === -1 ? qualified : qualified.slice(colon + 1),
      namespace: namespace ?? '',
      attributes: new Map(rawAttributes.filter(([n]) => !n.includes(':') && n !== 'xmlns')),
      children: [],
      text: '',
    };
    if (startsWith('/>')) {
      at += 2;
      return element;
    }
    at++;
    for (;;) {
      if (at >= input.length) fail(`<${qualified}> is not closed`);
      if (startsWith('</')) {
        at += 2;
        const closing = readName();
        if (closing !== qualified) fail(`</${closing}> closes <${qualified}>`);
        skipSpace();
        if (input[at] !== '>') fail(`">" expected after </${closing}`);
        at++;
        return element;
      }
      if (startsWith('<![CDATA[')) {
        const end = input.indexOf(']]>', at + 9);
        if (end === -1) fail('an unterminated CDATA section');
        element.text += input.slice(at + 9, end);
        at = end + 3;
      } else if (startsWith('<!--')) {
        const end = input.indexOf('-->', at + 4);
        if (end === -1) fail('an unterminated comment');
        at = end + 3;
      } else if (startsWith('<?')) {
        const end = input.indexOf('?>', at + 2);
        if (end === -1) fail('an unterminated processing instruction');
        at = end + 2;
      } else if (startsWith('<')) {
        element.children.push(parseElement(inner));
      } else {
        const end = input.indexOf('<', at);
        const raw = input.slice(at, end === -1 ? input.length : end);
        if (raw.includes(']]>')) fail('"]]>" in character data');
        element.text += expandReferences(raw);
        at = end === -1 ? input.length : end;
      }
    }
  };

  skipMisc();
  const root = parseElement(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  skipMisc();
  if (at < input.length) fail('content after the root element');
  return root;
}

// ─── The project ────────────────────────────────────────────────────────────────────────────────

export type QdaUser = { guid: string; name: string | null; id: string | null };
export type QdaCode = { guid: string; name: string; isCodable: boolean; color: string | null; description: string | null; noteRefs: string[]; children: QdaCode[] };
export type QdaCoding = { guid: string; codeGuid: string; creatingUser: string | null; noteRefs: string[] };
export type QdaSelection = {
  guid: string;
  name: string | null;
  start: number;
  end: number;
  /** The characters of the source's text at start..end. */
  text: string;
  creatingUser: string | null;
  description: string | null;
  codings: QdaCoding[];
  noteRefs: string[];
};
export type QdaSource = {
  guid: string;
  name: string | null;
  plainTextPath: string | null;
  /** The zip entry the text came from, or null when it was inline. */
  textEntry: string | null;
  text: string;
  description: string | null;
  selections: QdaSelection[];
  codings: QdaCoding[];
  noteRefs: string[];
  /** Variable name → value. */
  variables: Map<string, string>;
};
export type QdaNote = { guid: string; name: string | null; text: string; creatingUser: string | null; creationDateTime: string | null; modifiedDateTime: string | null; noteRefs: string[] };
export type QdaSet = { guid: string; name: string; description: string | null; memberCodes: string[]; memberSources: string[]; memberNotes: string[] };
/** Where a NoteRef stands: on the project, a source, a selection, a coding, a code or a note. */
export type NoteHolder = { kind: 'project' | 'source' | 'selection' | 'coding' | 'code' | 'note'; guid: string | null };

export type QdaProject = {
  name: string;
  origin: string | null;
  creatingUser: string | null;
  description: string | null;
  users: QdaUser[];
  /** The code tree, in file order. */
  codes: QdaCode[];
  sources: QdaSource[];
  notes: QdaNote[];
  sets: QdaSet[];
  projectNoteRefs: string[];
  /** Note GUID → every element that references it. */
  noteReferences: Map<string, NoteHolder[]>;
  /** The zip's entry names. */
  entries: string[];
  /** Broken references and impossible values, one sentence each: empty for a good file. */
  problems: string[];
};

/** GUIDs compare without braces and case (GUIDType allows both spellings). */
export const guidKey = (guid: string) => guid.trim().replace(/^\{(.*)\}$/, '$1').toLowerCase();

const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name && c.namespace === qdaNamespace);
const childNamed = (element: XmlElement, name: string) => childrenNamed(element, name)[0];
const attribute = (element: XmlElement, name: string) => element.attributes.get(name) ?? null;
const textOf = (element: XmlElement, name: string) => {
  const child = childNamed(element, name);
  return child === undefined ? null : child.text;
};
const refs = (element: XmlElement, name: string) => childrenNamed(element, name).map((r) => attribute(r, 'targetGUID') ?? '');

export type ReadOptions = {
  /**
   * Real files name texts other ways than internal:// (qc 1.3 writes a bare "board_2017.txt").
   * With this, a plainTextPath that is not internal:// is looked up by its file name in the Sources
   * folder (any case); the deviation is still reported in `problems`.
   */
  loosePaths?: boolean;
};

export function readQdaProject(bytes: Uint8Array, options: ReadOptions = {}): QdaProject {
  const entries = readZip(bytes);
  const problems: string[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const qdeEntry = entries.find((e) => e.name.toLowerCase() === 'project.qde');
  if (!qdeEntry) throw new Error('qdpx: no project.qde at the root of the archive');
  const root = parseXml(utf8.decode(qdeEntry.data));
  if (root.name !== 'Project' || root.namespace !== qdaNamespace) throw new Error(`qdpx: the root is {${root.namespace}}${root.name}, not {${qdaNamespace}}Project`);

  const requiredGuid = (element: XmlElement, where: string): string => {
    const guid = attribute(element, 'guid');
    if (guid === null) {
      problems.push(`${where} has no guid`);
      return '';
    }
    return guid;
  };
  const noteReferences = new Map<string, NoteHolder[]>();
  const holdRefs = (element: XmlElement, holder: NoteHolder): string[] => {
    const list = refs(element, 'NoteRef');
    for (const guid of list) {
      const key = guidKey(guid);
      const holders = noteReferences.get(key);
      if (holders) holders.push(holder);
      else noteReferences.set(key, [holder]);
    }
    return list;
  };
  const readCodings = (element: XmlElement, where: string): QdaCoding[] =>
    childrenNamed(element, 'Coding').map((coding, i) => {
      const guid = requiredGuid(coding, `${where} › Coding ${i + 1}`);
      const codeRef = childNamed(coding, 'CodeRef');
      if (!codeRef) problems.push(`${where} › Coding ${guid} has no CodeRef`);
      const noteRefs = holdRefs(coding, { kind: 'coding', guid });
      return { guid, codeGuid: codeRef ? (attribute(codeRef, 'targetGUID') ?? '') : '', creatingUser: attribute(coding, 'creatingUser'), noteRefs };
    });

  const users: QdaUser[] = (childNamed(root, 'Users') ? childrenNamed(childNamed(root, 'Users')!, 'User') : []).map((u, i) => ({
    guid: requiredGuid(u, `User ${i + 1}`),
    name: attribute(u, 'name'),
    id: attribute(u, 'id'),
  }));

  const readCode = (element: XmlElement): QdaCode => {
    const guid = requiredGuid(element, `Code "${attribute(element, 'name') ?? '?'}"`);
    const codable = attribute(element, 'isCodable');
    if (codable === null) problems.push(`Code ${guid} has no isCodable`);
    return {
      guid,
      name: attribute(element, 'name') ?? '',
      isCodable: codable === 'true' || codable === '1',
      color: attribute(element, 'color'),
      description: textOf(element, 'Description'),
      noteRefs: holdRefs(element, { kind: 'code', guid }),
      children: childrenNamed(element, 'Code').map(readCode),
    };
  };
  const codeBook = childNamed(root, 'CodeBook');
  const codesElement = codeBook ? childNamed(codeBook, 'Codes') : undefined;
  const codes = codesElement ? childrenNamed(codesElement, 'Code').map(readCode) : [];

  const variableNames = new Map<string, string>();
  const variablesElement = childNamed(root, 'Variables');
  for (const v of variablesElement ? childrenNamed(variablesElement, 'Variable') : []) variableNames.set(guidKey(attribute(v, 'guid') ?? ''), attribute(v, 'name') ?? '');

  /** The text a plainTextPath names: internal://<file> is <file> in the Sources folder, any case. */
  const readInternal = (path: string, where: string): { entry: string; text: string } | null => {
    const match = /^internal:\/\/(.+)$/.exec(path);
    if (!match) problems.push(`${where}: plainTextPath ${path} is not internal://`);
    if (!match && !options.loosePaths) return null;
    const file = match ? match[1]! : path.replace(/\\/g, '/').slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
    const entry = entries.find((e) => e.name === `Sources/${file}`) ?? entries.find((e) => e.name.toLowerCase() === `sources/${file.toLowerCase()}`);
    if (!entry) {
      problems.push(`${where}: ${path} is not in the archive's Sources folder`);
      return null;
    }
    return { entry: entry.name, text: utf8.decode(entry.data).replace(/^\uFEFF/, '') };
  };

  const sourcesElement = childNamed(root, 'Sources');
  const sources: QdaSource[] = (sourcesElement ? childrenNamed(sourcesElement, 'TextSource') : []).map((element, i) => {
    const guid = requiredGuid(element, `TextSource ${i + 1}`);
    const where = `TextSource ${guid}`;
    const path = attribute(element, 'plainTextPath');
    const inline = textOf(element, 'PlainTextContent');
    if ((path === null) === (inline === null)) problems.push(`${where}: it must have either plainTextPath or PlainTextContent, not ${path === null ? 'neither' : 'both'}`);
    const internal = path === null ? null : readInternal(path, where);
    const text = internal?.text ?? inline ?? '';
    const characters = [...text];
    const selections = childrenNamed(element, 'PlainTextSelection').map((s, j): QdaSelection => {
      const selectionGuid = requiredGuid(s, `${where} › PlainTextSelection ${j + 1}`);
      const position = (name: 'startPosition' | 'endPosition') => {
        const raw = attribute(s, name);
        if (raw === null || !/^[+-]?\d+$/.test(raw.trim())) {
          problems.push(`${where} › selection ${selectionGuid}: ${name} is ${raw === null ? 'missing' : `"${raw}", not an integer`}`);
          return 0;
        }
        return Number(raw.trim());
      };
      const start = position('startPosition');
      const end = position('endPosition');
      if (start < 0 || end < start || end > characters.length) problems.push(`${where} › selection ${selectionGuid}: ${start}–${end} is not within its text of ${characters.length} characters`);
      return {
        guid: selectionGuid,
        name: attribute(s, 'name'),
        start,
        end,
        text: characters.slice(start, end).join(''),
        creatingUser: attribute(s, 'creatingUser'),
        description: textOf(s, 'Description'),
        codings: readCodings(s, `${where} › selection ${selectionGuid}`),
        noteRefs: holdRefs(s, { kind: 'selection', guid: selectionGuid }),
      };
    });
    const variables = new Map<string, string>();
    for (const value of childrenNamed(element, 'VariableValue')) {
      const ref = childNamed(value, 'VariableRef');
      const name = ref ? variableNames.get(guidKey(attribute(ref, 'targetGUID') ?? '')) : undefined;
      if (name === undefined) {
        problems.push(`${where}: a VariableValue names no declared Variable`);
        continue;
      }
      const typed = value.children.find((c) => c.name.endsWith('Value') && c.namespace === qdaNamespace);
      variables.set(name, typed?.text ?? '');
    }
    return {
      guid,
      name: attribute(element, 'name'),
      plainTextPath: path,
      textEntry: internal?.entry ?? null,
      text,
      description: textOf(element, 'Description'),
      selections,
      codings: readCodings(element, where),
      noteRefs: holdRefs(element, { kind: 'source', guid }),
      variables,
    };
  });

  const notesElement = childNamed(root, 'Notes');
  const notes: QdaNote[] = (notesElement ? childrenNamed(notesElement, 'Note') : []).map((element, i) => {
    const guid = requiredGuid(element, `Note ${i + 1}`);
    const path = attribute(element, 'plainTextPath');
    const text = textOf(element, 'PlainTextContent') ?? (path !== null ? (readInternal(path, `Note ${guid}`)?.text ?? '') : '');
    return {
      guid,
      name: attribute(element, 'name'),
      text,
      creatingUser: attribute(element, 'creatingUser'),
      creationDateTime: attribute(element, 'creationDateTime'),
      modifiedDateTime: attribute(element, 'modifiedDateTime'),
      noteRefs: holdRefs(element, { kind: 'note', guid }),
    };
  });

  const setsElement = childNamed(root, 'Sets');
  const sets: QdaSet[] = (setsElement ? childrenNamed(setsElement, 'Set') : []).map((element, i) => ({
    guid: requiredGuid(element, `Set ${i + 1}`),
    name: attribute(element, 'name') ?? '',
    description: textOf(element, 'Description'),
    memberCodes: refs(element, 'MemberCode'),
    memberSources: refs(element, 'MemberSource'),
    memberNotes: refs(element, 'MemberNote'),
  }));

  const projectNoteRefs = holdRefs(root, { kind: 'project', guid: null });

  // References must resolve, and every GUID must name one element.
  const flatCodes = (list: QdaCode[]): QdaCode[] => list.flatMap((c) => [c, ...flatCodes(c.children)]);
  const allCodes = flatCodes(codes);
  const userKeys = new Set(users.map((u) => guidKey(u.guid)));
  const codeKeys = new Set(allCodes.map((c) => guidKey(c.guid)));
  const sourceKeys = new Set(sources.map((s) => guidKey(s.guid)));
  const noteKeys = new Set(notes.map((n) => guidKey(n.guid)));
  const seen = new Map<string, string>();
  const claim = (guid: string, what: string) => {
    const key = guidKey(guid);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`the GUID ${guid} names both ${earlier} and ${what}`);
    else seen.set(key, what);
  };
  users.forEach((u) => claim(u.guid, `user ${u.name ?? ''}`));
  allCodes.forEach((c) => claim(c.guid, `code ${c.name}`));
  sources.forEach((s) => claim(s.guid, `source ${s.name ?? ''}`));
  notes.forEach((n) => claim(n.guid, `note ${n.name ?? ''}`));
  sets.forEach((s) => claim(s.guid, `set ${s.name}`));
  const creatorKnown = (guid: string | null, where: string) => {
    if (guid !== null && !userKeys.has(guidKey(guid))) problems.push(`${where} was made by ${guid}, who is not among the Users`);
  };
  for (const source of sources) {
    for (const selection of source.selections) {
      claim(selection.guid, `selection ${selection.name ?? ''}`);
      creatorKnown(selection.creatingUser, `selection ${selection.guid}`);
      for (const coding of selection.codings) {
        claim(coding.guid, `coding on ${selection.guid}`);
        creatorKnown(coding.creatingUser, `coding ${coding.guid}`);
        if (!codeKeys.has(guidKey(coding.codeGuid))) problems.push(`coding ${coding.guid} refers to the code ${coding.codeGuid}, which is not in the codebook`);
      }
    }
    for (const coding of source.codings) if (!codeKeys.has(guidKey(coding.codeGuid))) problems.push(`coding ${coding.guid} refers to the code ${coding.codeGuid}, which is not in the codebook`);
  }
  for (const note of notes) creatorKnown(note.creatingUser, `note ${note.guid}`);
  for (const [key, holders] of noteReferences) {
    if (!noteKeys.has(key)) problems.push(`a NoteRef on the ${holders[0]!.kind} ${holders[0]!.guid ?? ''} refers to ${key}, which is not among the Notes`);
  }
  for (const set of sets) {
    for (const m of set.memberCodes) if (!codeKeys.has(guidKey(m))) problems.push(`set ${set.name} has the member code ${m}, which is not in the codebook`);
    for (const m of set.memberSources) if (!sourceKeys.has(guidKey(m))) problems.push(`set ${set.name} has the member source ${m}, which is not among the Sources`);
    for (const m of set.memberNotes) if (!noteKeys.has(guidKey(m))) problems.push(`set ${set.name} has the member note ${m}, which is not among the Notes`);
  }
  const creatingUser = attribute(root, 'creatingUserGUID');
  creatorKnown(creatingUser, 'the project');

  return {
    name: attribute(root, 'name') ?? '',
    origin: attribute(root, 'origin'),
    creatingUser,
    description: textOf(root, 'Description'),
    users,
    codes,
    sources,
    notes,
    sets,
    projectNoteRefs,
    noteReferences,
    entries: entries.map((e) => e.name),
    problems,
  };
}

/** Every code of the tree, depth first, with its path of names from the root ("Security / TTP sanctuary"). */
export function flattenCodes(codes: readonly QdaCode[], parents: string[] = []): (QdaCode & { path: string; parentGuid: string | null })[] {
  return codes.flatMap((code) => [
    { ...code, path: [...parents, code.name].join(' / '), parentGuid: null },
    ...flattenCodes(code.children, [...parents, code.name]).map((child) => (child.parentGuid === null ? { ...child, parentGuid: code.guid } : child)),
  ]);
}

/**
 * The characters start..end (end exclusive) of `text`, positions counted in `unit`: Unicode code
 * points (what the standard calls characters) or UTF-16 code units (what NVivo counts; an emoji is
 * two). Null when the range is not within the text or splits a character in two.
 */
export function sliceCounted(text: string, start: number, end: number, unit: 'codepoint' | 'utf16'): string | null {
  if (start < 0 || end < start) return null;
  if (unit === 'codepoint') {
    const characters = [...text];
    return end > characters.length ? null : characters.slice(start, end).join('');
  }
  if (end > text.length) return null;
  const isLow = (i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!) && /[\uD800-\uDBFF]/.test(text[i - 1]!);
  if (isLow(start) || isLow(end)) return null;
  return text.slice(start, end);
}

export type QdaCodebook = { origin: string | null; codes: QdaCode[]; sets: QdaSet[]; problems: string[] };

/** A codebook exchange file (.qdc, Codebook-mrt2019.xsd: root CodeBook in urn:QDA-XML:codebook:1.0). */
export function readQdaCodebook(xml: string): QdaCodebook {
  const codebookNamespace = 'urn:QDA-XML:codebook:1.0';
  const root = parseXml(xml);
  if (root.name !== 'CodeBook' || root.namespace !== codebookNamespace) throw new Error(`qdc: the root is {${root.namespace}}${root.name}, not {${codebookNamespace}}CodeBook`);
  const problems: string[] = [];
  const named = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name && c.namespace === codebookNamespace);
  const readCode = (element: XmlElement): QdaCode => ({
    guid: attribute(element, 'guid') ?? '',
    name: attribute(element, 'name') ?? '',
    isCodable: attribute(element, 'isCodable') === 'true' || attribute(element, 'isCodable') === '1',
    color: attribute(element, 'color'),
    description: named(element, 'Description')[0]?.text ?? null,
    noteRefs: [],
    children: named(element, 'Code').map(readCode),
  });
  const codes = named(root, 'Codes').flatMap((c) => named(c, 'Code')).map(readCode);
  const codeKeys = new Set(flattenCodes(codes).map((c) => guidKey(c.guid)));
  const sets = named(root, 'Sets')
    .flatMap((s) => named(s, 'Set'))
    .map((element): QdaSet => {
      const name = attribute(element, 'name') ?? '';
      const memberCodes = named(element, 'MemberCode').map((m) => {
        const target = attribute(m, 'targetGUID');
        if (target === null) problems.push(`set ${name}: a MemberCode has no targetGUID${attribute(m, 'guid') !== null ? ' (it says guid= instead)' : ''}`);
        return target ?? attribute(m, 'guid') ?? '';
      });
      for (const m of memberCodes) if (!codeKeys.has(guidKey(m))) problems.push(`set ${name} has the member code ${m}, which is not in the codebook`);
      return { guid: attribute(element, 'guid') ?? '', name, description: named(element, 'Description')[0]?.text ?? null, memberCodes, memberSources: [], memberNotes: [] };
    });
  return { origin: attribute(root, 'origin'), codes, sets, problems };
}
