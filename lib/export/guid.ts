// GUIDs for REFI-QDA. Parallax ids are UUIDs and are used as they are. Elements that have no id of
// their own in Parallax (a coding, an annotation's note, the consensus "user" of a curator, the
// metadata variables) get a name-based UUID (RFC 9562 version 5: SHA-1 of a fixed namespace and a
// name), so the same snapshot always exports the same file and an importer can recognise them by
// recomputing the GUID instead of parsing names.
import { sha1 } from '@noble/hashes/legacy.js';

/** Namespace of every derived GUID. Never change it: exported files would stop round-tripping. */
const parallaxNamespace = '4666f1c8-2118-46c7-a3a4-3f025cecbe30';

const bareGuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bracedGuid = /^\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}$/i;

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function formatGuid(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The version-5 UUID of `name` in Parallax's namespace, lower case. */
export function deriveGuid(name: string): string {
  const namespace = hexToBytes(parallaxNamespace.replaceAll('-', ''));
  const encoded = new TextEncoder().encode(name);
  const input = new Uint8Array(namespace.length + encoded.length);
  input.set(namespace);
  input.set(encoded, namespace.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return formatGuid(bytes);
}

/** Whether `value` matches QDA-XML's GUIDType (bare or in braces, either case). */
export function isQdaGuid(value: string): boolean {
  return bareGuid.test(value) || bracedGuid.test(value);
}

/** A GUID as Parallax stores ids: no braces, lower case. Null when it is not a GUID. */
export function normalizeGuid(value: string): string | null {
  const trimmed = value.trim();
  if (bareGuid.test(trimmed)) return trimmed.toLowerCase();
  const braced = bracedGuid.exec(trimmed);
  return braced ? braced[1]!.toLowerCase() : null;
}
