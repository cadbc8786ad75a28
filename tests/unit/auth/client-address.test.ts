import { describe, expect, it } from 'vitest';
import { backoffSeconds, throttlePolicy, waitPhrase } from '@/lib/auth/throttle';
import { clientAddress, peerHeader, trustedProxyHops } from '@/lib/client-address';

const env = (extra: Record<string, string> = {}) => ({ PARALLAX_PEER_KEY: 'k3y', ...extra }) as unknown as NodeJS.ProcessEnv;
const headers = (h: Record<string, string>) => new Headers(h);

describe('clientAddress', () => {
  it('takes the socket address the server recorded, and ignores what a client says in X-Forwarded-For', () => {
    expect(clientAddress(headers({ [peerHeader]: 'k3y 203.0.113.7', 'x-forwarded-for': '1.2.3.4' }), env())).toBe('203.0.113.7');
    expect(clientAddress(headers({ [peerHeader]: 'k3y ::ffff:203.0.113.7' }), env())).toBe('203.0.113.7');
  });

  it('does not believe a peer header without this process’s key', () => {
    expect(clientAddress(headers({ [peerHeader]: 'guess 203.0.113.7' }), env())).toBeNull();
    expect(clientAddress(headers({ [peerHeader]: 'k3y 203.0.113.7' }), {} as unknown as NodeJS.ProcessEnv)).toBeNull();
    expect(clientAddress(headers({ 'x-forwarded-for': '1.2.3.4' }), env())).toBeNull();
  });

  it('with N trusted proxies, takes the address the nearest of them appended', () => {
    const forwarded = { [peerHeader]: 'k3y 10.0.0.2', 'x-forwarded-for': 'forged, 198.51.100.9, 10.0.0.1' };
    expect(clientAddress(headers(forwarded), env({ PARALLAX_TRUSTED_PROXIES: '1' }))).toBe('10.0.0.1');
    expect(clientAddress(headers(forwarded), env({ PARALLAX_TRUSTED_PROXIES: '2' }))).toBe('198.51.100.9');
    // A request that reached the app without going through the proxies has no such entry.
    expect(clientAddress(headers({ [peerHeader]: 'k3y 10.0.0.2' }), env({ PARALLAX_TRUSTED_PROXIES: '1' }))).toBe('10.0.0.2');
  });

  it('refuses a trusted-proxy setting that is not a small whole number', () => {
    expect(trustedProxyHops({} as unknown as NodeJS.ProcessEnv)).toBe(0);
    expect(() => trustedProxyHops({ PARALLAX_TRUSTED_PROXIES: 'yes' } as unknown as NodeJS.ProcessEnv)).toThrow(/whole number/);
    expect(() => trustedProxyHops({ PARALLAX_TRUSTED_PROXIES: '-1' } as unknown as NodeJS.ProcessEnv)).toThrow(/whole number/);
  });
});

describe('sign-in backoff', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    const waits = Array.from({ length: 16 }, (_, i) => backoffSeconds(i + 1));
    expect(waits.slice(0, throttlePolicy.freeFailures - 1)).toEqual([0, 0]);
    expect(waits.slice(throttlePolicy.freeFailures - 1, throttlePolicy.freeFailures + 4)).toEqual([1, 2, 4, 8, 16]);
    expect(backoffSeconds(100)).toBe(throttlePolicy.maxWaitSeconds);
    expect(waitPhrase(0.2)).toBe('Wait 1 second');
    expect(waitPhrase(4)).toBe('Wait 4 seconds');
    expect(waitPhrase(900)).toBe('Wait 15 minutes');
  });
});
