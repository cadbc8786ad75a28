import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';

// ana comments on one of her own annotations with an @mention of the owner; the owner sees the
// unread badge in the corpus list, reads the thread and resolves it. The article is one no other
// spec comments on, so the counts here are this spec's own.
test.use({ storageState: 'tests/e2e/.auth/ana.json' });

const project = '/projects/pak-afghan-talks-2025';

async function openFourthArticle(page: Page): Promise<string> {
  await page.goto(project);
  const link = page.getByRole('row').nth(4).getByRole('link').first();
  const title = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  return title;
}

async function openFirstHighlight(page: Page) {
  await page.locator('.ProseMirror [data-ids]').first().click();
  const card = page.getByRole('dialog', { name: 'Annotation' });
  await expect(card).toBeVisible();
  return card;
}

test('comment with an @mention; the mentioned owner sees it as new, reads it and resolves the thread', async ({ page, browser }) => {
  const title = await openFourthArticle(page);
  let card = await openFirstHighlight(page);
  const thread = card.getByTestId('comment-thread');
  await expect(thread).toContainText('No comments yet');

  // Type a mention: "@Dem" lists the owner; Enter inserts the name.
  const box = thread.getByRole('combobox', { name: 'Add a comment' });
  await box.pressSequentially('Does this blame Kabul? @Dem');
  const options = page.getByRole('listbox', { name: 'Mention a member' });
  await expect(options.getByRole('option', { name: '@Demo Owner' })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue('Does this blame Kabul? @Demo Owner ');
  await box.pressSequentially('please check.');
  await box.press('Control+Enter');
  const comment = thread.getByRole('listitem', { name: 'Comment by Ana' });
  await expect(comment).toContainText('Does this blame Kabul? @Demo Owner please check.');
  await expect(comment.getByText('Sending…')).toHaveCount(0);
  await expect(comment.locator('[data-mention="other"]')).toHaveText('@Demo Owner');
  // The box empties and becomes the reply box.
  await expect(thread.getByRole('combobox', { name: 'Reply' })).toHaveValue('');

  // Edit her own comment; Esc in the editor cancels, Ctrl+Enter saves.
  await comment.getByRole('button', { name: /^Edit/ }).click();
  const editor = comment.getByRole('combobox', { name: 'Edit your comment' });
  await editor.press('Control+End');
  await editor.pressSequentially(' Thanks!');
  await editor.press('Control+Enter');
  await expect(comment).toContainText('please check. Thanks!');
  await expect(comment).toContainText('(edited)');
  await snap(page, 'comments-thread', false);

  // The side panel counts the comment on the annotation.
  await card.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('comment-badge').first()).toContainText('1');

  // The owner: "1 new" with "@" in the corpus list.
  const ownerContext = await browser.newContext({ storageState: 'tests/e2e/.auth/owner.json' });
  const owner = await ownerContext.newPage();
  await owner.goto(project);
  const row = owner.getByRole('row').filter({ has: owner.getByRole('link', { name: title }) });
  const badge = row.getByTestId('unread-comments');
  await expect(badge).toContainText('1 new');
  await expect(badge).toContainText('@');
  await snap(owner, 'comments-corpus-unread', false);

  // The thread, on ana's layer: the owner's name stands out as a mention of them.
  await row.getByRole('link', { name: title }).click();
  await expect(owner.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await owner.getByRole('checkbox', { name: /^Mine/ }).uncheck();
  await owner.getByRole('checkbox', { name: /^Ana/ }).check();
  card = await openFirstHighlight(owner);
  const ownerThread = card.getByTestId('comment-thread');
  await expect(ownerThread.locator('[data-mention="me"]')).toHaveText('@Demo Owner');
  await ownerThread.getByRole('button', { name: 'Resolve' }).click();
  await expect(ownerThread).toContainText('Resolved');
  await expect(ownerThread).toContainText('Resolved by you');
  await snap(owner, 'comments-resolved', false);

  // Resolved survives a reload; having viewed the document, nothing is new for the owner any more.
  await owner.reload();
  await expect(owner.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await owner.getByRole('checkbox', { name: /^Mine/ }).uncheck();
  await owner.getByRole('checkbox', { name: /^Ana/ }).check();
  card = await openFirstHighlight(owner);
  await expect(card.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await owner.goto(project);
  await expect(owner.getByRole('row').filter({ has: owner.getByRole('link', { name: title }) }).getByTestId('unread-comments')).toHaveCount(0);
  await ownerContext.close();
});
