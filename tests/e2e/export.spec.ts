import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { snap } from './screens';

// The owner exports the demo project as a PDF report (with a progress bar) and as a REFI-QDA
// project, imports that file back as a new project, and is told clearly when a file is no good.

test.use({ storageState: 'tests/e2e/.auth/owner.json' });

const project = '/projects/pak-afghan-talks-2025';
const dir = mkdtempSync(path.join(tmpdir(), 'parallax-e2e-export-'));

test('export a PDF report and a REFI-QDA project; import it back as a new project', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(project);
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Export' }).click();
  await expect(page.getByRole('heading', { name: 'Export', exact: true })).toBeVisible();
  await snap(page, 'export');

  // PDF: progress is shown, then the file downloads by itself.
  await page.getByRole('radio', { name: 'Annotated report (PDF)' }).check();
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^pak-afghan-talks-2025-report-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfPath = path.join(dir, pdf.suggestedFilename());
  await pdf.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByTestId('export-done')).toContainText('.pdf');
  await snap(page, 'export-done', false);
  const text = spawnSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  if (text.status === 0) {
    expect(text.stdout).toContain('Pakistan–Afghan Taliban talks, 2025');
    expect(text.stdout).toContain('Ideological ties and TTP sanctuary');
  }

  // REFI-QDA project.
  await page.getByRole('radio', { name: /REFI-QDA project/ }).check();
  const qdpxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const qdpx = await qdpxDownload;
  expect(qdpx.suggestedFilename()).toMatch(/\.qdpx$/);
  const qdpxPath = path.join(dir, qdpx.suggestedFilename());
  await qdpx.saveAs(qdpxPath);

  // Back in as a new project: upload, review what will come in, confirm.
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Import a project file' }).click();
  const form = page.getByRole('form', { name: 'Project file' });
  await form.getByLabel('Project file').setInputFiles(qdpxPath);
  await form.getByRole('button', { name: 'Upload and review' }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'What will come in' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/coded passages verified against their text/)).toBeVisible();
  const slug = `reimported-${Date.now()}`;
  // A name of its own: other specs find the demo project by its name.
  await page.getByLabel('New project’s name').fill('Demo, re-imported from REFI-QDA');
  await page.getByLabel('Its slug (in the address)').fill(slug);
  await snap(page, 'import-review');
  await page.getByRole('button', { name: /^Import \d+ passages?$/ }).click();
  await expect(page.getByRole('status')).toContainText(/5 articles, \d+ annotations/, { timeout: 20_000 });
  await page.getByRole('link', { name: 'Open the project' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByRole('row')).toHaveCount(6);

  // A file that is not a project is refused by name, and nothing is created.
  const bad = path.join(dir, 'not-a-project.qdpx');
  writeFileSync(bad, 'this is not a zip');
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Import a project file' }).click();
  const again = page.getByRole('form', { name: 'Project file' });
  await again.getByLabel('Project file').setInputFiles(bad);
  await again.getByRole('button', { name: 'Upload and review' }).click();
  const refused = page.getByRole('main').getByRole('alert');
  await expect(refused).toContainText('not a readable zip archive', { timeout: 20_000 });
  await expect(refused).toContainText('Nothing was imported');
  await snap(page, 'import-refused', false);
});
