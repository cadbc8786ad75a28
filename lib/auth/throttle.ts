// Sign-in throttling that slows an attacker down without locking the account's owner out.
//
// State is kept per (account, address) pair, not per account: failures from one address never
// make another address wait, so the owner, signing in from an address that has not failed, is
// never refused. Per pair, the first `freeFailures` wrong passwords cost nothing; from then on each
// failure makes the next attempt wait twice as long (1 s, 2 s, 4 s, … at most `maxWaitSeconds`),
// and only one attempt at a time is checked, so concurrent attempts cannot slip past the count.
// Failures are forgotten after `forgetAfterMinutes` without one, and a right password clears them.
// On top, each address has a budget of failures across all accounts (password spraying), after
// which its attempts are refused until the window has passed.

export const throttlePolicy = {
  freeFailures: 3,
  maxWaitSeconds: 15 * 60,
  forgetAfterMinutes: 15,
  /** Failed sign-ins from one address, across accounts, within `forgetAfterMinutes`. */
  addressBudget: 50,
  /** A check that has not finished after this long was abandoned (a crashed process). */
  staleReservationSeconds: 30,
  /** Sign-ups from one address per hour. */
  signUpsPerHour: 10,
} as const;

/** How long the next attempt waits after the `failures`-th failure in a row (0 while still free). */
export function backoffSeconds(failures: number): number {
  if (failures < throttlePolicy.freeFailures) return 0;
  return Math.min(2 ** (failures - throttlePolicy.freeFailures), throttlePolicy.maxWaitSeconds);
}

/** The key of an (account, address) pair; an unknown address is its own bucket. */
export function pairKey(email: string, address: string | null): string {
  return `pair:${email}|${address ?? 'unknown'}`;
}

/** "Wait 4 seconds", "Wait 2 minutes": for the refusal message. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `Wait ${s} second${s === 1 ? '' : 's'}`;
  }
  const m = Math.ceil(seconds / 60);
  return `Wait ${m} minute${m === 1 ? '' : 's'}`;
}
