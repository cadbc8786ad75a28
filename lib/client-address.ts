// Which address a request came from, for the per-address sign-in and sign-up limits. A client
// can put anything in X-Forwarded-For, so it is believed only as far as the operator says:
// PARALLAX_TRUSTED_PROXIES is how many proxies in front of Parallax append to it (0, the default,
// when clients connect directly). The socket's own address comes from scripts/serve.mjs, which
// every production start goes through, in a header signed with a key only that process holds.

export const peerHeader = 'x-parallax-peer';

/** How many proxies in front of the app are trusted to append to X-Forwarded-For. */
export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PARALLAX_TRUSTED_PROXIES?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`PARALLAX_TRUSTED_PROXIES must be a whole number of proxies from 0 to 10 (got "${raw}").`);
  }
  return hops;
}

/** The socket address scripts/serve.mjs recorded, when the header carries this process's key. */
function peerAddress(headers: Headers, env: NodeJS.ProcessEnv): string | null {
  const key = env.PARALLAX_PEER_KEY;
  const value = headers.get(peerHeader);
  if (!key || !value) return null;
  const [given, address] = value.split(' ');
  if (given !== key || !address) return null;
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; one address, one bucket.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * The client's address: with N trusted proxies, the entry the nearest of them appended to
 * X-Forwarded-For (N-th from the right); with none, the socket's. Null when the app runs without
 * scripts/serve.mjs (`next dev`, a bare `next start`) and no proxy is trusted: then nothing a
 * client sends can be trusted either.
 */
export function clientAddress(headers: Headers, env: NodeJS.ProcessEnv = process.env): string | null {
  const peer = peerAddress(headers, env);
  const hops = trustedProxyHops(env);
  if (hops === 0) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - hops] ?? peer;
}
