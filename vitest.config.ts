import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@': root,
  // Outside Next's react-server build `server-only` throws on import; tests are server code.
  'server-only': path.join(root, 'node_modules/server-only/empty.js'),
  // next-auth imports "next/server" without an extension, which Node's ESM resolution outside
  // Next's bundler does not find (Next's package has no exports map): the route-matrix test
  // imports every route, the session-checked live stream among them.
  'next/server': path.join(root, 'node_modules/next/server.js'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/integration/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The probes an attacker would run (access, CSRF, sign-in throttling, hostile input,
          // sessions, outages, what exports reveal), on the same real database as the integration tests.
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          // Through Vite, so that the alias for "next/server" above applies to it.
          server: { deps: { inline: ['next-auth'] } },
          environment: 'node',
          setupFiles: ['tests/integration/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
