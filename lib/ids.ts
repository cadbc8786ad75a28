// Ids, pure: used by the server (to check ids before a query) and the browser (to make them).

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `v` is a UUID: anything else is answered NOT_FOUND without asking the database. */
export const isUuid = (v: string): boolean => uuidPattern.test(v);

/**
 * A new v4 UUID, chosen by the client so a retried create is recognised (idempotent by id).
 * crypto.randomUUID exists only in secure contexts (not plain http on a LAN), so fall back to
 * getRandomValues.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
