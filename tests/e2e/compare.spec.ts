import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';

// The owner compares how the five demo articles frame the failure, on the annotators' layers
// pooled: the matrix and a cell's passages, the side-by-side reader (each column holds passages of
// its own article), parallel text, profiles with a memo, and author similarity.

test.use({ storageState: 'tests/e2e/.auth/owner.json' });

const project = '/projects/pak-afghan-talks-2025';

async function pooled(page: Page, path = '') {
  await page.goto(`${project}/compare${path}`);
  await page.getByLabel('Source layer').selectOption('pooled');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/layer=pooled/);
}

test('framing matrix: five articles × ten factors; a cell opens its passages', async ({ page }) => {
  await page.goto(project);
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Compare' }).click();
  await pooled(page);
  const matrix = page.getByTestId('framing-matrix');
  await expect(matrix.getByRole('row')).toHaveCount(6);
  await expect(matrix.getByRole('row').nth(1)).toContainText('Tooba Nazakat');
  await snap(page, 'compare-matrix');

  // The first article's first factor: its passages, each with the annotators behind it.
  const cell = matrix.getByRole('row').nth(1).getByRole('link').first();
  const label = (await cell.getAttribute('aria-label'))!;
  const passages = Number(/, (\d+) passages?$/.exec(label)?.[1]);
  expect(passages).toBeGreaterThan(0);
  await cell.click();
  const section = page.getByTestId('cell-passages');
  await expect(section).toBeVisible();
  await expect(section.getByTestId('passage')).toHaveCount(passages);
  await expect(section.getByTestId('passage').first().locator('mark')).not.toBeEmpty();
  await expect(section.getByTestId('passage').first()).toContainText(/Ana|Ben|Cyd/);
  await snap(page, 'compare-cell-passages');
});

test('side-by-side reader: one column per article, each holding its own article’s passages', async ({ page }) => {
  await pooled(page, '/reader');
  const columns = page.getByTestId('reader-column');
  await expect(columns).toHaveCount(5);
  await snap(page, 'compare-reader', false);
  for (let i = 0; i < 5; i++) {
    const column = columns.nth(i);
    const id = (await column.getAttribute('data-document'))!;
    const doc = await page.request.get(`/api/documents/${id}`);
    expect(doc.ok()).toBe(true);
    const { document } = (await doc.json()) as { document: { text: string } };
    const quotes = await column.locator('mark').allTextContents();
    for (const q of quotes) expect(document.text).toContain(q);
  }
  // Another factor, chosen from the list, keeps the filters.
  await page.getByLabel('Factor', { exact: true }).selectOption({ index: 2 });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/layer=pooled/);
  await expect(columns).toHaveCount(5);

  // Parallel text: two whole articles.
  await page.getByRole('link', { name: 'Parallel text' }).click();
  await expect(page.getByTestId('parallel-column')).toHaveCount(2);
  await expect(page.getByTestId('parallel-column').first().locator('span[title]').first()).toBeVisible();
  await snap(page, 'compare-parallel', false);
});

test('profiles with blame and co-occurrence; a memo is saved; similarity names what separates authors', async ({ page }) => {
  await pooled(page, '/profiles');
  const profiles = page.getByTestId('profiles');
  await expect(profiles.getByRole('img')).toHaveCount(5);
  await expect(page.getByTestId('attribute-bars')).toContainText('Afghan Taliban');
  await expect(page.getByTestId('cooccurrence').getByRole('row')).toHaveCount(11);
  const memo = page.getByTestId('memo').first();
  const text = `Two framings: security against diplomacy (${Date.now()})`;
  await memo.getByRole('textbox').fill(text);
  await memo.getByRole('button', { name: 'Save memo' }).click();
  await expect(memo.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByTestId('memo').first().getByRole('textbox')).toHaveValue(text);
  await expect(page.getByTestId('memo').first()).toContainText('Last edited by Demo Owner');
  await snap(page, 'compare-profiles');

  await page.getByRole('navigation', { name: 'Comparison views' }).getByRole('link', { name: 'Similarity' }).click();
  await expect(page).toHaveURL(/similarity\?.*layer=pooled/);
  const cells = page.getByTestId('distance-matrix').getByRole('link');
  await expect(cells).toHaveCount(20); // 5 authors, both halves
  await expect(page.getByTestId('separating').getByRole('listitem').first()).toContainText('argued more by');
  await snap(page, 'compare-similarity');
  // A cell opens the reader on the two authors' articles.
  await cells.first().click();
  await expect(page.getByTestId('reader-column')).toHaveCount(2);
});
