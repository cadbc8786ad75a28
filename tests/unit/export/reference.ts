// Where the conformance references live and how to drive them. They are checked out beside the
// repository on CI (../shared/reference), not copied into it; in a clone without them the tests
// that need them are skipped with a note.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const referenceDir = path.resolve(repoRoot, '..', 'shared', 'reference');
export const w3cDir = path.join(referenceDir, 'w3c-web-annotation');
export const refiDir = path.join(referenceDir, 'refi-qda');

export const hasW3cReference = existsSync(path.join(w3cDir, 'annotations', 'annotationMusts.test'));
export const hasRefiReference = existsSync(path.join(refiDir, 'Project-mrt2019.xsd'));
export const hasXmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;

export function noteSkipped(what: string, reason: string): void {
  console.log(`[export tests] skipping ${what}: ${reason}`);
}

type Assertion = { file: string; expectedResult: 'valid' | 'invalid'; errorMessage: string; validate: (data: unknown) => boolean };

let ajv: Ajv | null = null;
const compiled = new Map<string, Assertion>();

function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const definitions = path.join(w3cDir, 'definitions');
  for (const file of readdirSync(definitions).filter((f) => f.endsWith('.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(definitions, file), 'utf8')) as object);
  }
  return ajv;
}

/**
 * The assertions a `.test` file lists (e.g. "annotations/annotationMusts.test"), each compiled once.
 * Two assertion ids repeat across folders, so the id is dropped before compiling: the assertions'
 * $refs name definition files ("annotations.json#/…") that resolve the same without it.
 */
export function loadAssertions(testFile: string): Assertion[] {
  const list = JSON.parse(readFileSync(path.join(w3cDir, testFile), 'utf8')) as { assertions: string[] };
  return list.assertions.map((file) => {
    const cached = compiled.get(file);
    if (cached) return cached;
    const schema = JSON.parse(readFileSync(path.join(w3cDir, file), 'utf8')) as Record<string, unknown>;
    const { id: _id, ...withoutId } = schema;
    const validate = getAjv().compile(withoutId);
    const assertion: Assertion = {
      file,
      expectedResult: schema.expectedResult === 'invalid' ? 'invalid' : 'valid',
      errorMessage: String(schema.errorMessage ?? ''),
      validate: (data) => validate(data) === true,
    };
    compiled.set(file, assertion);
    return assertion;
  });
}

/** The assertions `data` does not satisfy as expected, as "file: message" lines. */
export function failedAssertions(assertions: readonly Assertion[], data: unknown): string[] {
  return assertions
    .filter((a) => a.validate(data) !== (a.expectedResult === 'valid'))
    .map((a) => `${a.file}: ${a.errorMessage}`);
}

/** xmllint's verdict on `file` against `xsd`: ok, and what it printed. */
export function validateWithXmllint(file: string, xsd: string): { ok: boolean; output: string } {
  const result = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}
