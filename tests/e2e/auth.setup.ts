import { test as setup, expect } from '@playwright/test';

// Signs in once per demo role through the real form and keeps the cookies, so specs start signed
// in instead of logging in through the UI every time.
for (const [name, email] of [
  ['owner', 'owner@parallax.example'],
  ['ana', 'ana@parallax.example'],
] as const) {
  setup(`sign in as ${name}`, async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('parallax-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await page.context().storageState({ path: `tests/e2e/.auth/${name}.json` });
  });
}
