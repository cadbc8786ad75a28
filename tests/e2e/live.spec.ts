import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';
import { appServer, type AppServer } from './server';
import { selectWithKeyboard } from './text';

// Two people on two app instances (the one Playwright starts, and a second on its own port, one
// database): each sees the other arrive, and the owner sees Ana's tagging as she does it, without
// reloading. What crosses between the instances is PostgreSQL's LISTEN/NOTIFY.

const project = '/projects/pak-afghan-talks-2025';
const article = 'Why Did Pakistan, Afghanistan Talks Fail and What Could Happen Next';
let second: AppServer;

test.beforeAll(async () => {
  second = await appServer();
  await second.start();
});
test.afterAll(async () => second.stop());

const highlighted = async (page: Page) => Number(await page.getByTestId('document-reader').getAttribute('data-highlighted'));

test('two users in two browsers on two instances see each other and each other’s work live', async ({ browser }) => {
  test.setTimeout(90_000);
  const ownerContext = await browser.newContext({ storageState: 'tests/e2e/.auth/owner.json' });
  const anaContext = await browser.newContext({ storageState: 'tests/e2e/.auth/ana.json', baseURL: second.url });
  const owner = await ownerContext.newPage();
  const ana = await anaContext.newPage();
  ana.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') console.log(`[ana's browser] ${m.text()}`);
  });

  await owner.goto(project);
  await owner.getByRole('link', { name: article }).click();
  await expect(owner.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  const documentPath = new URL(owner.url()).pathname;
  // Every layer the owner may see, Ana's among them.
  await owner.goto(`${documentPath}?layers=all`);
  await expect(owner.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(owner.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

  await ana.goto(documentPath);
  await expect(ana.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(ana.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

  // Presence, both ways, across the two instances.
  await expect(owner.getByRole('list', { name: 'Also viewing: Ana' })).toBeVisible();
  await expect(ana.getByRole('list', { name: 'Also viewing: Demo Owner' })).toBeVisible();

  // Ana tags a passage; the owner's view draws it without a reload.
  const before = await highlighted(owner);
  await selectWithKeyboard(ana, 'trod lightly with the regime');
  await ana.keyboard.press('1');
  await expect(ana.getByTestId('save-state')).toHaveText('All changes saved');
  await expect.poll(() => highlighted(owner)).toBe(before + 1);
  const anasNew = owner.getByRole('list', { name: 'Annotations in text order' }).getByRole('button', { name: /^trod lightly with the regime .*· Ana$/ });
  await expect(anasNew).toBeVisible();
  await snap(owner, 'live-owner-sees-ana', false);

  // Ana undoes it; it disappears for the owner too.
  await ana.getByRole('button', { name: /Undo/ }).first().click();
  await expect(ana.getByTestId('save-state')).toHaveText('All changes saved');
  await expect.poll(() => highlighted(owner)).toBe(before);
  await expect(anasNew).toHaveCount(0);

  // The corpus list shows who is reading which article.
  await owner.goto(project);
  const row = owner.getByRole('row', { name: new RegExp(article) });
  await expect(row.getByRole('list', { name: 'Viewing now: Ana' })).toBeVisible();
  await snap(owner, 'live-corpus-presence', false);

  // Ana leaves; she is gone from the list.
  await anaContext.close();
  // (A closed tab is noticed at the server's next ping, within a few seconds.)
  await expect(row.getByRole('list', { name: /Viewing now/ })).toHaveCount(0, { timeout: 15_000 });
  await ownerContext.close();
});
