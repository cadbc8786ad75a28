// Debian's Chromium, as the end-to-end tests and the benchmarks launch it. Without the networking
// flags Chromium keeps trying to reach Google's hosts, which this machine's closed network refuses.
export const chromiumPath = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
