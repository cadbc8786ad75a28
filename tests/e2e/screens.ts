import type { Page } from '@playwright/test';

/** Screenshots of key screens, kept as artifacts for review (full page unless told otherwise). */
export async function snap(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}
