// Writes a generated project file to try an import with, or to test one:
//   npx tsx scripts/make-import-fixture.ts w3c|qdpx <out> [--sources 10] [--passages 5000] [--chars 100000]
// The texts are made-up words; the passages sit on word boundaries, as a real coder's would.
import { parseArgs } from 'node:util';
import { toW3C } from '@/lib/export/w3c';
import { makeLargeQdpx, makeLargeSnapshot, writeFixture } from './bench/import-fixtures';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { sources: { type: 'string', default: '10' }, passages: { type: 'string', default: '5000' }, chars: { type: 'string', default: '100000' } },
});
const [format, out] = positionals;
if ((format !== 'w3c' && format !== 'qdpx') || !out) {
  console.error('usage: make-import-fixture.ts w3c|qdpx <out> [--sources N] [--passages N] [--chars N]');
  process.exit(2);
}
const options = { sources: Number(values.sources), passages: Number(values.passages), chars: Number(values.chars) };
const bytes = format === 'qdpx' ? makeLargeQdpx(options) : new TextEncoder().encode(JSON.stringify(toW3C(makeLargeSnapshot(options).snapshot)));
await writeFixture(out, bytes);
console.log(`${out}: ${bytes.length.toLocaleString('en')} bytes`);
