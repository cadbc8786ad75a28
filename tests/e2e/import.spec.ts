import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { snap } from './screens';

// Imports from the browser: a file of several megabytes (over the old 1 MB Server Action limit)
// uploads with a progress bar, the worker reads it, the owner reviews the summary and confirms.
// And document groups: made on the corpus page, a filter of the corpus and of the agreement.

test.use({ storageState: 'tests/e2e/.auth/owner.json' });

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-e2e-import-'));
const demo = '/projects/pak-afghan-talks-2025';

test('a 3.5 MB W3C export uploads with progress, is reviewed, and comes in as a new project', async ({ page }) => {
  test.setTimeout(120_000);
  const file = path.join(dir, 'large-export.jsonld');
  const made = spawnSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/make-import-fixture.ts', 'w3c', file, '--sources', '5', '--passages', '3000', '--chars', '60000'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  expect(statSync(file).size).toBeGreaterThan(3 * 1024 * 1024);

  await page.goto('/projects');
  // Slow the upload to about 1 MB/s, so its progress is there to see, as on a real connection.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
  await page.getByRole('button', { name: 'Import a project file' }).click();
  const form = page.getByRole('form', { name: 'Project file' });
  await form.getByLabel('Project file').setInputFiles(file);
  await form.getByRole('button', { name: 'Upload and review' }).click();
  const progress = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect(progress).toBeVisible();
  await snap(page, 'import-upload-progress', false);
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await expect(page.getByRole('heading', { name: 'What will come in' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('main')).toContainText('3,000');
  const slug = `large-w3c-${Date.now()}`;
  await page.getByLabel('New project’s name').fill('Generated, 3,000 passages');
  await page.getByLabel('Its slug (in the address)').fill(slug);
  await snap(page, 'import-review-large');
  await page.getByRole('button', { name: 'Import 3,000 passages' }).click();
  await expect(page.getByRole('status')).toContainText('5 articles, 3,000 annotations', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open the project' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByRole('row')).toHaveCount(6);
});

const nvivo = path.resolve('..', 'shared', 'interop', 'nvivo-win-oltas0517.qdpx');

test('an NVivo project: the review says how positions were read and what was checked, then it comes in', async ({ page }) => {
  test.skip(!existsSync(nvivo), `${nvivo} is not there (../shared is beside the repository on CI only)`);
  test.setTimeout(90_000);
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Import a project file' }).click();
  const form = page.getByRole('form', { name: 'Project file' });
  await form.getByLabel('Project file').setInputFiles(nvivo);
  await form.getByRole('button', { name: 'Upload and review' }).click();
  await expect(page.getByRole('heading', { name: 'What will come in' })).toBeVisible({ timeout: 30_000 });
  const main = page.getByRole('main');
  await expect(main).toContainText('written by NVivo for Windows 12.6');
  await expect(main).toContainText(/of 303 coded passages verified against their text/);
  await expect(main).toContainText(/UTF-16/);
  await snap(page, 'import-review-nvivo');
  await page.getByLabel('Its slug (in the address)').fill(`nvivo-${Date.now()}`);
  await page.getByRole('button', { name: 'Import 303 passages' }).click();
  await expect(page.getByRole('status')).toContainText('303 annotations', { timeout: 60_000 });
});

test('document groups: made on the corpus page, they narrow the corpus and the agreement', async ({ page }) => {
  await page.goto(demo);
  const groups = page.getByRole('navigation', { name: 'Document groups' });
  await groups.getByRole('button', { name: '+ New group' }).click();
  const dialog = page.getByRole('dialog', { name: 'New document group' });
  await dialog.getByLabel('Name').fill('First two');
  const boxes = dialog.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(dialog).toContainText('Articles (2 of 5)');
  await snap(page, 'group-dialog', false);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await groups.getByRole('link', { name: /First two/ }).click();
  await expect(page).toHaveURL(/\?group=[0-9a-f-]{36}$/);
  await expect(page.getByRole('row')).toHaveCount(3);
  await snap(page, 'corpus-group');

  await page.goto(`${demo}/agreement`);
  await page.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'First two (2)' });
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/group=[0-9a-f-]{36}/);
  await expect(page.getByRole('combobox', { name: 'Group' })).toHaveValue(/[0-9a-f-]{36}/);

  // Leave the demo project as the other specs expect it.
  await page.goto(demo);
  await groups.getByRole('button', { name: 'Edit the group First two' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete group' }).click();
  await expect(groups.getByRole('link', { name: /First two/ })).toHaveCount(0);
});
