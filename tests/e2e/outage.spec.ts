import { createServer, Socket, type Server } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { snap } from './screens';
import { appServer, freePort, type AppServer } from './server';
import { tagWithKeyboard } from './text';

// A database outage while annotating: the app instance keeps running, but its PostgreSQL stops
// answering. The instance reaches the database through a TCP relay that this test can cut: open
// connections are dropped and new ones refused, which is what the app sees of a stopped server.
// The workspace must treat the UNAVAILABLE answers as no answer: keep the writes queued, say so,
// and send each once the database is back. The owner's layer on this article is touched by no
// other spec.

// It states no title: the corpus labels it by its first words.
const article = '“Recent diplomatic efforts between Pakistan and Afghanistan have…”';
const saveState = (page: Page) => page.getByTestId('save-state');
const panel = (page: Page) => page.getByRole('list', { name: 'Annotations in text order' });

/** A relay to PostgreSQL's TCP address that can be cut (connections dropped, new ones refused) and restored. */
async function databaseRelay(target: URL) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  const url = new URL(target.toString());
  url.port = String(port);
  url.hostname = '127.0.0.1';
  // TCP through the relay, not the Unix socket the embedded database's URL may name.
  url.searchParams.delete('host');
  return {
    url: url.toString(),
    async cut() {
      // close() stops accepting at once, and calls back once the open connections are gone.
      const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      server = null;
    },
    restore: listen,
  };
}

let server: AppServer | undefined;
let relay: Awaited<ReturnType<typeof databaseRelay>> | undefined;
test.afterAll(async () => {
  await server?.stop();
  await relay?.cut();
});

test('writes made while the database is down stay queued, are shown as such, and arrive once when it is back', async ({ browser }) => {
  test.setTimeout(120_000);
  relay = await databaseRelay(new URL(process.env.DATABASE_URL!));
  server = await appServer(undefined, { DATABASE_URL: relay.url, PARALLAX_DB_CONNECT_TIMEOUT_MS: '1000' });
  await server.start();
  const context = await browser.newContext({ storageState: 'tests/e2e/.auth/owner.json', baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/projects/pak-afghan-talks-2025');
  await page.getByRole('link', { name: article }).click();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  await expect(panel(page)).toHaveCount(0);

  const phrases = ['the deep-seated mistrust and divergent priorities', 'The Durand Line, drawn in 1893 by the British', 'the only country to vote against its admission'];
  await tagWithKeyboard(page, phrases[0]!, '1');
  await expect(saveState(page)).toHaveText('All changes saved');

  // The database goes away; the app does not.
  await relay.cut();
  await tagWithKeyboard(page, phrases[1]!, '3');
  await tagWithKeyboard(page, phrases[2]!, '6');
  await expect(saveState(page)).toHaveText('Offline — 2 pending', { timeout: 15_000 });
  await expect(page.getByTestId('offline-banner')).toContainText('2 changes are kept in this browser');
  // The instance answered (it is up) that its database is not: the health check says so.
  const health = await page.request.get(`${server.url}/api/health`);
  expect(health.status()).toBe(503);
  expect(await health.json()).toEqual({ database: 'unavailable' });
  await snap(page, 'database-outage-pending', false);

  await relay.restore();
  await expect(saveState(page)).toHaveText('All changes saved', { timeout: 30_000 });
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
  for (const phrase of phrases) await expect(panel(page).getByText(phrase, { exact: true })).toHaveCount(1);
  await expect(page.getByText('3 annotations', { exact: true })).toBeVisible();
  await context.close();
});
