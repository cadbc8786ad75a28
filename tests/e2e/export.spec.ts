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

  // Back in as a new project.
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Import a project file' }).click();
  const form = page.getByRole('form', { name: 'Import a project file' });
  const slug = `reimported-${Date.now()}`;
  await form.getByLabel('Project file').setInputFiles(qdpxPath);
  await form.getByLabel('New slug (optional)').fill(slug);
  // A name of its own: other specs find the demo project by its name.
  await form.getByLabel('Name (optional)').fill('Demo, re-imported from REFI-QDA');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.getByRole('status')).toContainText(/5 documents, \d+ annotations/);
  await snap(page, 'import-project', false);
  await form.getByRole('link', { name: 'Open it' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByRole('row')).toHaveCount(6);

  // A file that is not a project is refused by name, and nothing is created.
  const bad = path.join(dir, 'not-a-project.qdpx');
  writeFileSync(bad, 'this is not a zip');
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Import a project file' }).click();
  await page.getByLabel('Project file', { exact: true }).setInputFiles(bad);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Import a project file' }).getByRole('alert')).toContainText('not a zip archive');
});
