import { expect, test } from '@playwright/test';
import { snap } from './screens';

test.use({ storageState: 'tests/e2e/.auth/ana.json' });

test('create a personal API token, use it once, and revoke it', async ({ page, playwright }) => {
  await page.goto('/projects');
  await page.getByRole('link', { name: 'Settings' }).click();
  const name = `e2e ${Date.now().toString(36)}`;
  await page.getByLabel('New token name').fill(name);
  await page.getByRole('button', { name: /^Create/ }).click();
  const shown = page.getByLabel('New API token');
  await expect(shown).toContainText('plx_');
  const token = (await shown.textContent())!.trim();
  await snap(page, 'settings-token', false);

  // The token works on its own, without the browser's cookie.
  const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/settings.*$/, '') });
  const ok = await api.get('/api/projects/pak-afghan-talks-2025/documents', { headers: { Authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);

  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
  const revoked = await api.get('/api/projects/pak-afghan-talks-2025/documents', { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  await api.dispose();
});
