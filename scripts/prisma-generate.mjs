// Runs `prisma generate` offline. Prisma's CLI insists on a native schema engine that it would
// download from a host this machine cannot reach; generating the client does not use that engine,
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets the CLI proceed.
// Migrations are applied by scripts/db/migrate.ts through the WebAssembly schema engine instead.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  },
);
process.exit(result.status ?? 1);
