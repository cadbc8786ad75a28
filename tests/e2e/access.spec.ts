import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The access matrix for pages: a signed-in user who is not a member of a project asks for every
// page of it (found on disk, so a page added later is in it) and gets the same 404 as for a
// project that does not exist, with nothing of the project in the answer. The REST routes and
// the live stream are held to the same in tests/security/route-matrix.test.ts.

const cli = (...args: string[]) => {
  const run = spawnSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/parallax.ts', ...args], { encoding: 'utf8' });
  expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
};

/** Every page under app/(app)/projects/[slug], as a path with its segments to fill. */
function projectPages(): string[] {
  const root = path.join('app', '(app)', 'projects', '[slug]');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'page.tsx')
    .map((file) => path.dirname(file).split(path.sep).filter((part) => !/^\(.*\)$/.test(part) && part !== '.').join('/'));
}

test('pages of a project answer an outsider 404, as for a project that does not exist', async ({ browser }) => {
  test.setTimeout(90_000);
  const slug = `private-${Date.now().toString(36)}`;
  cli('project', 'create', slug, '--name', 'Private study', '--owner', 'owner@parallax.example');
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-access-'));
  const file = path.join(dir, 'secret.txt');
  writeFileSync(file, 'A private article.\n\nIts secret sentence is only for the project’s members.\n');
  cli('import', file, '--project', slug);

  const owner = await browser.newContext({ storageState: 'tests/e2e/.auth/owner.json' });
  const documents = (await (await owner.request.get(`/api/projects/${slug}/documents`)).json()) as { documents: { id: string }[] };
  const documentId = documents.documents[0]!.id;
  await owner.close();

  const outsider = await browser.newContext({ storageState: 'tests/e2e/.auth/ana.json' });
  const pages = projectPages();
  expect(pages.length).toBeGreaterThan(10);
  const fill = (page: string, projectSlug: string) => `/projects/${projectSlug}/${page.replace('[documentId]', documentId)}`.replace(/\/$/, '');
  for (const page of pages) {
    const real = await outsider.request.get(fill(page, slug), { maxRedirects: 0 });
    const missing = await outsider.request.get(fill(page, `${slug}-none`), { maxRedirects: 0 });
    expect(real.status(), `${fill(page, slug)}`).toBe(404);
    expect(missing.status(), `${fill(page, `${slug}-none`)}`).toBe(404);
    const body = await real.text();
    for (const secret of ['Private study', 'secret sentence']) expect(body, `${fill(page, slug)} shows “${secret}”`).not.toContain(secret);
  }
  await outsider.close();
});
