import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';
import { phraseBox, selectWithKeyboard, selectWithMouse } from './text';

// The owner annotates one article of the demo project in their own layer, which no other spec
// touches (the seed's annotations belong to ana, ben and cyd).
test.use({ storageState: 'tests/e2e/.auth/owner.json' });

// It states no title: the corpus labels it by its first words.
const article = '“The latest round of negotiations held in Istanbul…”';

const panel = (page: Page) => page.getByRole('list', { name: 'Annotations in text order' });
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('All changes saved');

async function openArticle(page: Page) {
  await page.goto('/projects/pak-afghan-talks-2025');
  await page.getByRole('link', { name: article }).click();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
}

test('tag with mouse and keyboard, overlap, reload, edit, delete and undo', async ({ page }) => {
  await openArticle(page);
  await expect(panel(page)).toHaveCount(0); // the owner's layer starts empty

  // 1. Mouse: select, the popover opens, filter and press Enter.
  const first = 'prospects for a successful dialogue and resolution of the conflict';
  await selectWithMouse(page, first);
  const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
  await expect(popover).toBeVisible();
  await snap(page, 'annotate-popover', false);
  await page.getByLabel('Filter categories').fill('trust');
  await page.keyboard.press('Enter');
  await expect(popover).toHaveCount(0);
  await expect(panel(page).getByText(first)).toBeVisible();

  // 2. Mouse again, with the category's shortcut key straight away.
  const second = 'the Afghan Taliban claim to have no control over the TTP or BLA';
  await selectWithMouse(page, second);
  await expect(popover).toBeVisible();
  await page.keyboard.press('5'); // Denial and unverifiable commitments
  await expect(panel(page).getByText(second)).toBeVisible();

  // 3. Keyboard only: Shift+arrows, then the shortcut key; overlaps the first passage.
  const third = 'successful dialogue and resolution of the conflict between Islamabad';
  await selectWithKeyboard(page, third);
  await page.keyboard.press('0'); // Mediation and third parties
  await expect(panel(page).getByText(third)).toBeVisible();
  await saved(page);
  // The overlap is drawn as a segment that belongs to both annotations.
  await expect(page.locator('.ProseMirror [data-ids*=" "]').first()).toBeVisible();
  await snap(page, 'annotate-overlap', false);

  // Reload: the same three passages, on the same text.
  await page.reload();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  for (const quote of [first, second, third]) await expect(panel(page).getByText(quote, { exact: true })).toBeVisible();
  await expect(page.getByText('3 annotations', { exact: true })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'In progress' })).toHaveAttribute('aria-checked', 'true');

  // Edit: click the second highlight, change its category and blame target, write a note.
  const box = await phraseBox(page, 'have no control');
  await page.mouse.click(box.x1 + 4, box.y1);
  const card = page.getByRole('dialog', { name: 'Annotation' });
  await expect(card).toBeVisible();
  await card.getByLabel('Category').selectOption({ label: 'Taliban cohesion and fragmentation (2)' });
  await card.getByLabel('Blame target').selectOption({ label: 'Afghan Taliban' });
  await card.getByLabel('Note').fill('Author doubts Kabul’s control, not its will.');
  await card.getByRole('button', { name: 'Done' }).click();
  await saved(page);
  await snap(page, 'annotate-edited', false);
  await page.reload();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  const row = panel(page).getByRole('button', { name: new RegExp(second) });
  await expect(row).toContainText('Taliban cohesion and fragmentation');
  await expect(row).toContainText('note');

  // Delete, then undo from the toast.
  const box2 = await phraseBox(page, 'have no control');
  await page.mouse.click(box2.x1 + 4, box2.y1);
  await card.getByRole('button', { name: 'Delete' }).click();
  await expect(panel(page).getByText(second)).toHaveCount(0);
  // Gone from the text too, not only from the list.
  await expect(page.locator('.ProseMirror [data-ids]').filter({ hasText: 'have no control' })).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(panel(page).getByText(second)).toBeVisible();
  await saved(page);
  await page.reload();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(panel(page).getByText(second)).toBeVisible();
  await expect(panel(page).getByRole('button', { name: new RegExp(second) })).toContainText('Taliban cohesion and fragmentation');
});

test('the side panel filters and counts, and a click flashes the passage', async ({ page }) => {
  await openArticle(page);
  // The owner sees the annotators' layers and can show them.
  await page.getByRole('checkbox', { name: /^Ana/ }).check();
  await page.getByRole('checkbox', { name: /^Ben/ }).check();
  const count = page.getByText(/^\d+ annotations$/);
  const total = Number((await count.textContent())?.split(' ')[0]);
  expect(total).toBeGreaterThan(20);
  await page.getByLabel('Filter by annotator').selectOption({ label: 'Ben' });
  await expect(page.getByText(new RegExp(`^\\d+ of ${total} annotations$`))).toBeVisible();
  await page.getByLabel('Filter by attribute').selectOption({ label: 'India' });
  const rows = panel(page).getByRole('button');
  await expect(rows.first()).toContainText('Ben');
  await rows.first().click();
  await expect(page.locator('.ProseMirror .ann-focus').first()).toBeVisible();
  await snap(page, 'annotate-layers', false);
});

test('the annotation view passes an axe accessibility check', async ({ page }) => {
  await openArticle(page);
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('a bad REST request gets a 4xx with a message that says what was wrong, and stores nothing', async ({ page }) => {
  await openArticle(page);
  const documentId = page.url().split('/').pop()!;
  const before = await page.request.get(`/api/documents/${documentId}/annotations?layer=mine`);
  expect(before.status()).toBe(200);
  const count = ((await before.json()) as { annotations: unknown[] }).annotations.length;

  const codebook = (await (await page.request.get('/api/projects/pak-afghan-talks-2025/codebook')).json()) as { categories: { id: string }[] };
  const categoryId = codebook.categories[0]!.id;
  // What the app's own pages send with the session cookie: their origin, and JSON.
  const own = { origin: new URL(page.url()).origin };
  const bad = await page.request.post(`/api/documents/${documentId}/annotations`, {
    headers: own,
    data: { start: 5, end: 999_999, quote: 'whatever', categoryId },
  });
  expect(bad.status()).toBe(422);
  const body = (await bad.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('INVALID');
  expect(body.error.message).toMatch(/past the document's length/);

  const wrongQuote = await page.request.post(`/api/documents/${documentId}/annotations`, {
    headers: own,
    data: { start: 0, end: 10, quote: 'not this!!', categoryId },
  });
  expect(wrongQuote.status()).toBe(422);
  expect(((await wrongQuote.json()) as { error: { message: string } }).error.message).toMatch(/quote does not match/);

  // A cookie write that does not say where it comes from, or sends a form-like body, is refused:
  // that is what another site could make the browser send.
  const valid = { start: 0, end: 10, quote: (await (await page.request.get(`/api/documents/${documentId}`)).json() as { document: { text: string } }).document.text.slice(0, 10), categoryId };
  const unsigned = await page.request.post(`/api/documents/${documentId}/annotations`, { data: valid });
  expect(unsigned.status()).toBe(403);
  const plain = await page.request.post(`/api/documents/${documentId}/annotations`, { headers: { ...own, 'content-type': 'text/plain' }, data: JSON.stringify(valid) });
  expect(plain.status()).toBe(415);
  expect(((await plain.json()) as { error: { message: string } }).error.message).toMatch(/Content-Type: application\/json/);

  const after = await page.request.get(`/api/documents/${documentId}/annotations?layer=mine`);
  expect(((await after.json()) as { annotations: unknown[] }).annotations).toHaveLength(count);
});
