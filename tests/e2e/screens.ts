import type { Page } from '@playwright/test';

/** Full-page screenshots of key screens, kept as artifacts for review. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
