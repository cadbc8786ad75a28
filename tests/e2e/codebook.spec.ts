import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';

/** The categories' paths in the order the editor lists them. */
const order = (page: Page) => page.locator('li[data-category-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));

async function addCategory(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add category', exact: true }).first().click();
  const form = page.getByRole('form', { name: 'New category' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByRole('listitem', { name, exact: true })).toBeVisible();
  await expect(form).toHaveCount(0);
}

test.describe('codebook editor, as the owner', () => {
  test.use({ storageState: 'tests/e2e/.auth/owner.json' });

  test('add, rename, shortcut clash, nest, reorder, merge and delete categories; define an attribute', async ({ page }) => {
    test.slow(); // one long flow of a dozen saves, each revalidating the page
    // A project of its own, so the demo codebook is never touched.
    const slug = `e2e-codebook-${Date.now().toString(36)}`;
    await page.goto('/projects');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('E2E codebook');
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
    await page.getByRole('link', { name: 'Codebook' }).click();

    await expect(page.getByRole('heading', { name: 'No categories yet' })).toBeVisible();
    await snap(page, 'codebook-editor-empty');
    await page.getByRole('button', { name: 'Add the first category' }).click();
    const first = page.getByRole('form', { name: 'New category' });
    await first.getByLabel('Name').fill('Security');
    await first.getByRole('radio', { name: 'Red' }).check();
    await first.getByLabel('Shortcut').fill('1');
    await first.getByLabel('Description').fill('Militancy, sanctuaries and cross-border attacks.');
    await first.getByRole('button', { name: 'Add category' }).click();
    await expect(page.getByRole('listitem', { name: 'Security', exact: true })).toContainText('1');
    await addCategory(page, 'Economy');

    // Rename.
    await page.getByRole('button', { name: 'Edit Economy' }).click();
    const edit = page.getByRole('form', { name: 'Edit Economy' });
    await edit.getByLabel('Name').fill('Trade and economy');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('listitem', { name: 'Trade and economy', exact: true })).toBeVisible();

    // A shortcut that clashes or is reserved is refused beside the field, before saving.
    await page.getByRole('button', { name: 'Edit Trade and economy' }).click();
    const trade = page.getByRole('form', { name: 'Edit Trade and economy' });
    await trade.getByLabel('Shortcut').fill('1');
    await expect(trade.getByRole('alert').filter({ hasText: 'Shortcut "1" is already used by "Security"' })).toBeVisible();
    await expect(trade.getByRole('button', { name: 'Save' })).toBeDisabled();
    await snap(page, 'codebook-editor-shortcut-clash');
    await trade.getByLabel('Shortcut').fill('u');
    await expect(trade.getByRole('alert').filter({ hasText: 'reserved for undo' })).toBeVisible();
    await trade.getByLabel('Shortcut').fill('2');
    await expect(trade.getByRole('button', { name: 'Save' })).toBeEnabled();
    // Nest it under Security in the same save.
    await trade.getByLabel('Move under…').selectOption({ label: 'Security' });
    await trade.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('listitem', { name: 'Security / Trade and economy', exact: true })).toContainText('2');

    // Reorder with the buttons and with the keyboard.
    await addCategory(page, 'Borders');
    expect(await order(page)).toEqual(['Security', 'Security / Trade and economy', 'Borders']);
    await page.getByRole('button', { name: 'Move Borders up' }).click();
    await expect.poll(() => order(page)).toEqual(['Borders', 'Security', 'Security / Trade and economy']);
    // The new order shows at once; the buttons come back when the save is done.
    await expect(page.getByRole('button', { name: 'Move Borders down' })).toBeEnabled();
    const borders = page.getByRole('listitem', { name: 'Borders', exact: true });
    await borders.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => order(page)).toEqual(['Security', 'Security / Trade and economy', 'Borders']);
    await expect(borders).toBeFocused();
    await page.reload();
    await expect.poll(() => order(page)).toEqual(['Security', 'Security / Trade and economy', 'Borders']);
    await snap(page, 'codebook-editor');

    // Merge Borders into Security.
    await page.getByRole('button', { name: 'Edit Borders' }).click();
    await page.getByRole('button', { name: 'Merge…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge “Borders”' });
    await merge.getByLabel('Merge into').selectOption({ label: 'Security' });
    await expect(merge).toContainText('Merge Borders into Security — 0 annotations will move.');
    await snap(page, 'codebook-editor-merge', false);
    await merge.getByRole('button', { name: 'Merge' }).click();
    await expect(merge).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Merged “Borders” into “Security”' })).toBeVisible();
    expect(await order(page)).toEqual(['Security', 'Security / Trade and economy']);

    // Delete: a parent is refused until its child is gone.
    await page.getByRole('button', { name: 'Edit Security' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const refuse = page.getByRole('dialog', { name: 'Delete “Security”' });
    await expect(refuse.getByRole('alert')).toContainText('has a sub-category');
    await expect(refuse.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await refuse.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Edit Trade and economy' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const del = page.getByRole('dialog', { name: 'Delete “Trade and economy”' });
    await expect(del).toContainText('No annotation uses');
    await del.getByRole('button', { name: 'Delete' }).click();
    await expect(del).toBeHidden();
    await expect.poll(() => order(page)).toEqual(['Security']);

    // An attribute with two allowed values.
    await page.getByRole('button', { name: 'Add attribute' }).click();
    const attr = page.getByRole('form', { name: 'New attribute' });
    await attr.getByLabel('Attribute name').fill('Blame target');
    await expect(attr.getByLabel('Key')).toHaveValue('blame-target');
    await attr.getByLabel('Label of value 1').fill('Afghan Taliban');
    await attr.getByLabel('Label of value 2').fill('Pakistan');
    await expect(attr.getByLabel('Value 1', { exact: true })).toHaveValue('afghan-taliban');
    await attr.getByRole('button', { name: 'Add attribute' }).click();
    const card = page.getByRole('article', { name: 'Attribute Blame target' });
    await expect(card).toContainText('Afghan Taliban');
    await expect(card).toContainText('blame-target');
    await snap(page, 'codebook-editor-final');
  });
});

test.describe('the demo codebook', () => {
  test.describe('as the owner', () => {
    test.use({ storageState: 'tests/e2e/.auth/owner.json' });
    test('shows the editor with shortcuts and usage (looked at, not changed)', async ({ page }) => {
      await page.goto('/projects/pak-afghan-talks-2025/codebook');
      await expect(page.locator('li[data-category-id]').first()).toBeVisible();
      await expect(page.getByRole('button', { name: 'Add category' })).toBeVisible();
      await expect(page.getByRole('article', { name: 'Attribute Blame target' })).toBeVisible();
      await snap(page, 'codebook-editor-demo');
    });
  });
});

test.describe('codebook, as an annotator', () => {
  test.use({ storageState: 'tests/e2e/.auth/ana.json' });

  test('the demo codebook is read-only', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025/codebook');
    await expect(page.getByRole('heading', { name: /TTP|Taliban|trust/i }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /Add category|Add attribute|^Edit|Move .* (up|down)/ })).toHaveCount(0);
    await expect(page.locator('li[data-category-id]')).toHaveCount(0);
  });
});
