import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';
import { appServer, type AppServer } from './server';
import { phraseBox, tagWithKeyboard } from './text';

// No lost work: the owner annotates on an app instance of their own, the instance is killed, the
// owner goes on annotating ("Offline — N pending"), the instance starts again, and every change
// arrives, once. Then the same with the tab closed while the instance is down. The owner's layer on this article is touched by no other spec.

const article = 'Why Pakistan-Afghanistan Negotiations Remain Elusive?';
let server: AppServer;
test.afterAll(async () => server?.stop());

const saveState = (page: Page) => page.getByTestId('save-state');
const panel = (page: Page) => page.getByRole('list', { name: 'Annotations in text order' });

test('a server restart while annotating loses nothing and duplicates nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  server = await appServer();
  await server.start();
  const context = await browser.newContext({ storageState: 'tests/e2e/.auth/owner.json', baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/projects/pak-afghan-talks-2025');
  await page.getByRole('link', { name: article }).click();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(panel(page)).toHaveCount(0);
  const documentUrl = page.url();

  const phrases = ['Kabul is unwilling to dismantle the militant infrastructure', 'Islamabad showed impressive restraint', 'This is not a failure of Pakistani diplomacy'];
  await tagWithKeyboard(page, phrases[0]!, '1');
  await expect(saveState(page)).toHaveText('All changes saved');

  // Killed (SIGKILL), not stopped: a crash, as the exactly-once rule must survive.
  await server.kill();
  await tagWithKeyboard(page, phrases[1]!, '3');
  await tagWithKeyboard(page, phrases[2]!, '6');
  await expect(saveState(page)).toHaveText('Offline — 2 pending', { timeout: 15_000 });
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'reconnecting');
  await snap(page, 'offline-pending', false);

  await server.start();
  await expect(saveState(page)).toHaveText('All changes saved', { timeout: 30_000 });
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });

  await page.reload();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  for (const phrase of phrases) await expect(panel(page).getByText(phrase, { exact: true })).toHaveCount(1);
  await expect(page.getByText('3 annotations', { exact: true })).toBeVisible();

  // The tab is closed while the server is down: its unsent changes (a tag and a delete) are kept in
  // the browser and sent when the document is opened again.
  await server.stop();
  const later = 'a militant network called Jabhat al-Ribaat Afghanistan';
  await tagWithKeyboard(page, later, '2');
  const first = await phraseBox(page, phrases[0]!);
  await page.mouse.click(first.x1 + 4, first.y1);
  await page.getByRole('dialog', { name: 'Annotation' }).getByRole('button', { name: 'Delete' }).click();
  await expect(saveState(page)).toHaveText('Offline — 2 pending', { timeout: 15_000 });
  await page.close({ runBeforeUnload: false });

  await server.start();
  const reopened = await context.newPage();
  await reopened.goto(documentUrl);
  await expect(reopened.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(reopened.getByRole('status')).toContainText('Saved 2 changes left unsent when this document was last open here.', { timeout: 30_000 });
  await snap(reopened, 'offline-replayed', false);
  await expect(saveState(reopened)).toHaveText('All changes saved');
  expect(await reopened.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('parallax:pending:')))).toEqual([]);
  await reopened.reload();
  await expect(reopened.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  for (const phrase of [later, phrases[1]!, phrases[2]!]) await expect(panel(reopened).getByText(phrase, { exact: true })).toHaveCount(1);
  await expect(panel(reopened).getByText(phrases[0]!, { exact: true })).toHaveCount(0);
  await expect(reopened.getByText('3 annotations', { exact: true })).toBeVisible();
  await context.close();
});
