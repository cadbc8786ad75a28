import { expect, test, type Browser, type Page } from '@playwright/test';
import { snap } from './screens';

// Account settings and a project's life cycle, each test with an account of its own made through
// the sign-up form (no demo data is touched).
test.use({ storageState: { cookies: [], origins: [] } });

const strong = 'Plum harbour quietly 42';
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signUp(page: Page, name: string, email: string, password = strong) {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?signedUp=1/);
}

async function signIn(page: Page, email: string, password = strong) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
}

async function newUser(browser: Browser, label: string) {
  const email = `${label}-${stamp()}@e2e.example`;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signUp(page, `E2E ${label}`, email);
  await signIn(page, email);
  return { email, context, page };
}

test('sign-up points at each wrong field, keeps what was typed, and refuses a weak password', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Create account' }).click();
  const name = page.getByLabel('Name');
  const email = page.getByLabel('Email');
  const password = page.getByLabel('Password');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Name is required.');
  await expect(email).toHaveAccessibleDescription(/Email is required\./);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  // No block of raw field keys any more.
  await expect(page.getByText(/name: Name is required/)).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Check the' })).toHaveText('Check the 3 marked fields.');

  const address = `weak-${stamp()}@e2e.example`;
  await name.fill('Ida Weak');
  await email.fill(address);
  await password.fill('password');
  await expect(page.getByText('Strength: Very weak.')).toBeVisible();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/This password is too easy to guess\. This is a heavily used password\./)).toBeVisible();
  await expect(password).toBeFocused();
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  // What was typed stays, the password included.
  await expect(name).toHaveValue('Ida Weak');
  await expect(email).toHaveValue(address);
  await expect(password).toHaveValue('password');
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, 'signup-errors-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, 'signup-errors-390');
  await page.setViewportSize({ width: 1440, height: 900 });

  await password.fill(strong);
  await expect(page.getByText(/Strength: (Strong|Very strong)\./)).toBeVisible();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?signedUp=1/);
  await signIn(page, address);
});

test('changing the password needs the current one, refuses a weak one, and signs out the other browsers', async ({ browser }) => {
  const me = await newUser(browser, 'pw');
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const phone = await other.newPage();
  await signIn(phone, me.email);

  const { page } = me;
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password', { exact: true }).fill('Another plum harbour 77');
  await form.getByLabel('Repeat the new password').fill('Another plum harbour 77');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByLabel('Current password')).toHaveAccessibleDescription('That is not your current password.');
  await expect(form.getByLabel('Current password')).toBeFocused();

  await form.getByLabel('Current password').fill(strong);
  await form.getByLabel('New password', { exact: true }).fill('parallax123');
  await form.getByLabel('Repeat the new password').fill('parallax123');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/This password is too easy to guess/)).toBeVisible();

  await form.getByLabel('New password', { exact: true }).fill('Another plum harbour 77');
  await form.getByLabel('Repeat the new password').fill('Another plum harbour 77');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText('Password changed. Your other signed-in browser was signed out.');
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, 'settings-account-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, 'settings-account-390');

  // This browser stays signed in; the other one is out.
  await page.goto('/projects');
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
  await phone.goto('/projects');
  await expect(phone).toHaveURL(/\/login/);
  await signIn(phone, me.email, 'Another plum harbour 77');
  await other.close();
  await me.context.close();
});

test('an owner archives and restores a project, then deletes it after typing its name', async ({ browser }) => {
  const me = await newUser(browser, 'owner');
  const { page } = me;
  const slug = `e2e-life-${stamp()}`;
  const projectName = `Life cycle ${slug.slice(-6)}`;

  // The new-project form points at its fields too.
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByLabel('Name')).toHaveAccessibleDescription('Project name is required.');
  await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Name').fill(projectName);
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));

  const projectTab = (name: string) => page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name });
  await projectTab('Settings').click();
  await page.getByRole('button', { name: 'Archive project' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'This project is archived' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore project' })).toBeVisible();
  await snap(page, 'project-settings-archived');
  // Read-only: the settings form is gone, and the project is out of the list.
  await expect(page.getByRole('form', { name: 'Project settings' })).toHaveCount(0);
  await page.goto('/projects');
  await expect(page.getByRole('link', { name: new RegExp(projectName) })).toHaveCount(0);
  await page.getByRole('link', { name: 'Show archived' }).click();
  await expect(page.getByRole('heading', { name: 'Archived projects' })).toBeVisible();
  await page.getByRole('link', { name: new RegExp(projectName) }).click();
  await projectTab('Settings').click();
  await page.getByRole('button', { name: 'Restore project' }).click();
  await expect(page.getByRole('button', { name: 'Archive project' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Project settings' })).toBeVisible();
  await page.goto('/projects');
  await expect(page.getByRole('link', { name: new RegExp(projectName) })).toBeVisible();

  await page.goto(`/projects/${slug}/settings`);
  const del = page.getByRole('form', { name: 'Delete the project' });
  await expect(del.getByRole('link', { name: 'Export the project' })).toHaveAttribute('href', `/projects/${slug}/export`);
  const confirm = del.getByLabel(/Type the project’s name/);
  await confirm.fill('Life cycle');
  await del.getByRole('button', { name: 'Delete project' }).click();
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription(`Type the project's name, ${projectName}, exactly.`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, 'project-settings-delete-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, 'project-settings-delete-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await confirm.fill(projectName);
  await del.getByRole('button', { name: 'Delete project' }).click();
  await expect(page).toHaveURL(/\/projects\?deleted=/);
  await expect(page.getByRole('status').filter({ hasText: `Deleted the project “${projectName}”.` })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(projectName) })).toHaveCount(0);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole('heading', { name: /not found|No project/i })).toBeVisible();
  await me.context.close();
});
