import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';
import { placeCaretBefore } from './text';

// Issue 17, point 1: an annotator tags, opens, edits, re-categorises, comments on and deletes
// annotations without the mouse. Ana works in her own layer of one article, and leaves it as she
// found it (what she adds she deletes, and the last check is that it is gone).
test.use({ storageState: 'tests/e2e/.auth/ana.json' });

const article = 'Why Pakistan-Afghanistan Negotiations Remain Elusive?';
const panel = (page: Page) => page.getByRole('list', { name: 'Annotations in text order' });
const card = (page: Page) => page.getByRole('dialog', { name: 'Annotation' });
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('All changes saved');
const textHasFocus = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror') ?? false);
const focusInCard = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"][aria-label="Annotation"]'));

async function openArticle(page: Page) {
  await page.goto('/projects/pak-afghan-talks-2025');
  await page.getByRole('link', { name: article }).click();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
}

test('tag, open, re-categorise, note, comment, step, delete and undo from the keyboard alone', async ({ page }) => {
  test.setTimeout(90_000);
  await openArticle(page);

  // 1. Shift+→ thirty times stops inside "offered"; the passage snaps to the whole word.
  await placeCaretBefore(page, 'has been patient and has offered');
  for (let i = 0; i < 30; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('3'); // Trust deficit and history
  const quote = 'has been patient and has offered';
  const row = panel(page).getByRole('button', { name: new RegExp(`^${quote} `) });
  await expect(row).toContainText('Trust deficit and history');
  await saved(page);

  // 2. The caret is just past the passage: ← puts it inside, Enter opens the card with the focus in it.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(card(page)).toBeVisible();
  expect(await focusInCard(page)).toBe(true);
  await expect(card(page)).toContainText('Trust deficit and history');
  await expect(card(page)).toContainText(/characters [\d,]+–[\d,]+ \(32 characters\)/);
  // The card sits below the header and inside the viewport.
  const box = (await card(page).boundingBox())!;
  const header = (await page.locator('[data-app-header]').boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(header.y + header.height);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await snap(page, 'keyboard-card-open', false);

  // 3. A category key re-categorises it.
  await page.keyboard.press('4');
  await expect(card(page)).toContainText('No diplomatic framework or capacity');
  await expect(row).toContainText('No diplomatic framework or capacity');

  // 4. Tab moves through the fields: to the note, typed and saved when the focus leaves it.
  const note = card(page).getByLabel('Note');
  for (let i = 0; i < 8 && !(await note.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(note).toBeFocused();
  await page.keyboard.type('Restraint is the author’s claim, not a fact.');
  await page.keyboard.press('Tab');
  await expect(row).toContainText('note');

  // 5. A comment, from the keyboard: Tab to the box, Ctrl+Enter sends.
  const commentBox = card(page).getByRole('combobox', { name: 'Add a comment' });
  for (let i = 0; i < 6 && !(await commentBox.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(commentBox).toBeFocused();
  await page.keyboard.type('Keyboard-only comment.');
  await page.keyboard.press('Control+Enter');
  await expect(card(page).getByRole('listitem', { name: 'Comment by Ana' }).filter({ hasText: 'Keyboard-only comment.' })).toBeVisible();
  await page.keyboard.press('Tab'); // out of the reply box: Escape there would only keep the draft

  // 6. Escape closes the card and gives the focus back to the text.
  await page.keyboard.press('Escape');
  await expect(card(page)).toHaveCount(0);
  expect(await textHasFocus(page)).toBe(true);
  await saved(page);

  // 7. Alt+↓ / Alt+↑ step through passages; the one stepped to is outlined and announced.
  const announced = page.getByTestId('workspace-announcement');
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(announced).toContainText(/Annotation \d+ of \d+/);
  // Ana's seed passages lie around it: step forward until it is the one.
  // (One of them, “Islamabad has been patient…”, contains this one.)
  for (let i = 0; i < 6 && !(await announced.textContent())?.includes(`“${quote}”`); i++) await page.keyboard.press('Alt+ArrowDown');
  await expect(announced).toContainText(`“${quote}”`);
  await expect(page.locator('.ProseMirror .ann-focus').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(card(page)).toContainText('No diplomatic framework or capacity');

  // 8. x deletes, with undo; the focus is back in the text, and Ctrl+Z brings it back.
  await page.keyboard.press('x');
  await expect(card(page)).toHaveCount(0);
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Deleted');
  expect(await textHasFocus(page)).toBe(true);
  await page.keyboard.press('Control+z');
  await expect(row).toBeVisible();
  await saved(page);

  // 9. The side panel is a list: focus its row, ↑/↓ move, Enter opens, Escape returns to the row.
  await row.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card(page)).toBeVisible();
  expect(await focusInCard(page)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(row).toBeFocused();

  // 10. Delete from the card (Delete key this time); gone after a reload.
  await page.keyboard.press('Enter');
  await expect(card(page)).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(row).toHaveCount(0);
  await saved(page);
  await page.reload();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(panel(page).getByRole('button', { name: new RegExp(`^${quote} `) })).toHaveCount(0);
});

test('overlapping passages of one category are told apart in the card, each outlined alone', async ({ page }) => {
  await openArticle(page);
  const outer = 'dialogue, de-escalation and even trade facilitation';
  const inner = 'even trade facilitation in order to maintain stability';
  for (const phrase of [outer, inner]) {
    await placeCaretBefore(page, phrase);
    for (let i = 0; i < phrase.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('7'); // Trade, transit and border economics
    await expect(panel(page).getByRole('button', { name: new RegExp(`^${phrase}`) })).toBeVisible();
  }
  await saved(page);
  await placeCaretBefore(page, 'trade facilitation');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  // Ana's own seed passages may overlap here too: the two of this test are among the card's list.
  const tab = (phrase: string) => card(page).getByRole('tab').filter({ hasText: `“${phrase}”` });
  await expect(tab(outer)).toHaveCount(1);
  await expect(tab(inner)).toHaveCount(1);
  await expect(tab(outer)).toContainText(/characters [\d,]+–[\d,]+ \(51 characters\)/);
  await expect(tab(inner)).toContainText(/\(54 characters\)/);
  await expect(tab(inner)).toContainText('Mine');
  // Focusing one outlines exactly its span, and no other text.
  const outlined = () => page.evaluate(() => [...document.querySelectorAll('.ProseMirror .ann-focus')].map((el) => el.textContent).join(''));
  await tab(inner).focus();
  await expect.poll(outlined).toBe(inner);
  await tab(outer).focus();
  await expect.poll(outlined).toBe(outer);
  await snap(page, 'keyboard-overlap-card', false);
  const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`)).toEqual([]);

  // Delete both, from the card's list: Enter on a row of it selects that one, x deletes it.
  for (const phrase of [outer, inner]) {
    if ((await card(page).count()) === 0) {
      await placeCaretBefore(page, 'trade facilitation');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
    }
    await tab(phrase).focus();
    await page.keyboard.press('Enter');
    await expect(tab(phrase)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('x');
    await expect(card(page)).toHaveCount(0);
    await expect(panel(page).getByRole('button', { name: new RegExp(`^${phrase}`) })).toHaveCount(0);
  }
  await saved(page);
  for (const phrase of [outer, inner]) await expect(panel(page).getByRole('button', { name: new RegExp(`^${phrase}`) })).toHaveCount(0);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test('a tap on a highlight opens its card', async ({ page }) => {
    await openArticle(page);
    // Ana's own layer of this article holds the seed's passages.
    const highlight = page.locator('.ProseMirror [data-ids]').first();
    await highlight.scrollIntoViewIfNeeded();
    // A highlight that wraps has one box per line: tap the middle of its first.
    const target = await highlight.evaluate((el) => {
      const r = el.getClientRects()[0]!;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.touchscreen.tap(target.x, target.y);
    await expect(card(page)).toBeVisible();
    const box = (await card(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await snap(page, 'touch-card-390', false);
    await page.keyboard.press('Escape');
    await expect(card(page)).toHaveCount(0);
    // The side panel is a drawer here, and nothing scrolls sideways.
    await expect(page.getByRole('complementary', { name: 'Annotations' })).toBeHidden();
    await page.getByRole('button', { name: 'Annotations', exact: true }).tap();
    await expect(panel(page)).toBeVisible();
    await snap(page, 'touch-drawer-390', false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('button', { name: 'Close panel' }).tap();
    await expect(panel(page)).toBeHidden();
  });
});
