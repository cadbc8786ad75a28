import { expect, test } from '@playwright/test';
import { snap } from './screens';

test.describe('signed out', () => {
  test('a page behind sign-in redirects to the sign-in form', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025');
    await expect(page).toHaveURL(/\/login\?next=%2Fprojects%2Fpak-afghan-talks-2025/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await snap(page, 'sign-in');
  });

  test('pages and API answers carry the security headers, each with its own content policy', async ({ request }) => {
    const page = await request.get('/login');
    expect(page.status()).toBe(200);
    const pageCsp = page.headers()['content-security-policy'] ?? '';
    expect(pageCsp).toContain("frame-ancestors 'none'");
    expect(pageCsp).toContain("img-src 'self' data: blob:");
    const api = await request.get('/api/projects/pak-afghan-talks-2025/codebook');
    expect(api.status()).toBe(401);
    expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const response of [page, api]) {
      expect(response.headers()['x-frame-options']).toBe('DENY');
      expect(response.headers()['x-content-type-options']).toBe('nosniff');
      expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  test('a wrong password shows an error and keeps the email', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('ben@parallax.example');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue('ben@parallax.example');
    await expect(page).toHaveURL(/\/login/);
  });

  test('sign-in lands on the page asked for, and sign-out ends the session', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025/codebook');
    await page.getByLabel('Email').fill('cyd@parallax.example');
    await page.getByLabel('Password').fill('parallax-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects\/pak-afghan-talks-2025\/codebook$/);
    // Keep a copy of the session cookie, as a thief (or a forgotten browser) would.
    const copied = await page.context().cookies();
    expect((await page.request.get('/api/projects/pak-afghan-talks-2025/codebook')).status()).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/projects');
    await expect(page).toHaveURL(/\/login/);
    // The copied cookie is dead too: the session ended on the server, not only in this browser.
    await page.context().addCookies(copied);
    expect((await page.request.get('/api/projects/pak-afghan-talks-2025/codebook')).status()).toBe(401);
    await page.goto('/projects');
    await expect(page).toHaveURL(/\/login/);
  });

  test('sign out everywhere ends the sessions of every browser', async ({ browser }) => {
    const signIn = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel('Email').fill('ben@parallax.example');
      await page.getByLabel('Password').fill('parallax-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
      return { context, page };
    };
    const laptop = await signIn();
    const phone = await signIn();
    await laptop.page.goto('/settings');
    await expect(laptop.page.getByRole('region', { name: 'Signed-in browsers' })).toContainText(/signed in in \d+ browsers/);
    await snap(laptop.page, 'settings-sessions');
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(laptop.page.getByRole('status')).toContainText('You are signed out in every browser.');
    await snap(laptop.page, 'signed-out-everywhere', false);
    await phone.page.goto('/projects');
    await expect(phone.page).toHaveURL(/\/login/);
    await laptop.context.close();
    await phone.context.close();
  });
});

test.describe('signed in as the owner', () => {
  test.use({ storageState: 'tests/e2e/.auth/owner.json' });

  test('open the corpus and read an article with its headings and author', async ({ page }) => {
    await page.goto('/projects');
    await snap(page, 'projects');
    await page.getByRole('link', { name: /Pakistan–Afghan Taliban talks, 2025/ }).click();

    const rows = page.getByRole('row');
    await expect(rows).toHaveCount(6); // header + five articles
    await expect(page.getByRole('cell', { name: 'Faiza Abid' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'unknown' }).first()).toBeVisible();
    await snap(page, 'corpus');

    await page.getByRole('link', { name: 'Why Did Pakistan, Afghanistan Talks Fail and What Could Happen Next' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Why Did Pakistan, Afghanistan Talks Fail and What Could Happen Next' })).toBeVisible();
    const reader = page.getByTestId('document-reader');
    await expect(reader).toHaveAttribute('data-ready', 'true');
    await expect(reader.getByRole('heading', { level: 2 })).toHaveText([
      'A Little Backgrounder',
      'What is Holding the Talks Hostage?',
      'What Can Pakistan Do to Succeed in Negotiations?',
    ]);
    await expect(page.getByTestId('byline')).toContainText('unknown');
    await snap(page, 'document');
    await snap(page, 'document-viewport', false);

    await page.getByRole('link', { name: '← Corpus' }).click();
    await page.getByRole('link', { name: 'Why Pakistan-Afghanistan Negotiations Remain Elusive?' }).click();
    await expect(page.getByTestId('byline')).toContainText('Faiza Abid');
    await expect(page.getByTestId('byline')).toContainText('Centre for Aerospace and Security Studies');
    await expect(page.getByTestId('document-reader')).toContainText('Kabul is unwilling to dismantle the militant infrastructure');
  });

  test('a project or document the user cannot see answers 404', async ({ page }) => {
    const response = await page.goto('/projects/no-such-project');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    const doc = await page.goto('/projects/pak-afghan-talks-2025/documents/00000000-0000-4000-8000-000000000000');
    expect(doc?.status()).toBe(404);
  });

  test('create a project, import a pasted article after review, and refuse a bad upload', async ({ page }) => {
    const slug = `e2e-${Date.now().toString(36)}`;
    await page.goto('/projects');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('E2E import test');
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
    await expect(page.getByRole('heading', { name: 'This corpus is empty' })).toBeVisible();
    await snap(page, 'corpus-empty');

    await page.getByRole('link', { name: 'Import articles' }).click();
    // An empty file and a PDF are refused, each with its reason; nothing is stored.
    await page.getByLabel('Files').setInputFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('') },
      { name: 'paper.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 binary') },
    ]);
    await page.getByRole('button', { name: 'Clean and review' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'refused' });
    await expect(refusal).toContainText('2 inputs were refused');
    await expect(refusal).toContainText('empty.txt');
    await expect(refusal).toContainText('paper.pdf');
    await page.getByRole('button', { name: 'Start over' }).click();

    await page.getByLabel('Pasted text', { exact: true }).fill(
      'Border talks collapse\n\nThe talks collapsed over the border question. Neither side moved.\n\nLeave a Comment\nYour email address will not be published. Required fields are marked *',
    );
    await page.getByRole('button', { name: 'Clean and review' }).click();
    await expect(page.getByLabel('Author', { exact: true })).toHaveValue('');
    // No file was chosen this time: only the pasted text is reviewed, with no refusal.
    await expect(page.getByRole('alert').filter({ hasText: 'refused' })).toHaveCount(0);
    await page.getByLabel('Title', { exact: true }).fill('Border talks collapse');
    await page.getByLabel('Author', { exact: true }).fill('Test Author');
    await snap(page, 'import-review');
    await page.getByRole('button', { name: 'Import 1 document' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
    await page.getByRole('link', { name: 'Border talks collapse' }).click();
    await expect(page.getByTestId('byline')).toContainText('Test Author');
    const reader = page.getByTestId('document-reader');
    await expect(reader).toContainText('The talks collapsed over the border question.');
    await expect(reader).not.toContainText('Leave a Comment');
  });
});

test.describe('signed in as an annotator', () => {
  test.use({ storageState: 'tests/e2e/.auth/ana.json' });

  test('sees the corpus and codebook but no import', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025/codebook');
    await expect(page.getByRole('heading', { name: /TTP|Taliban|trust/i }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Import' })).toHaveCount(0);
    await snap(page, 'codebook');
    const response = await page.goto('/projects/pak-afghan-talks-2025/import');
    expect(response?.status()).toBe(404);
  });
});
