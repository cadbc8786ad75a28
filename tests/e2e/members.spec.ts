import { expect, test } from '@playwright/test';
import { snap } from './screens';

test.describe('members, as the owner', () => {
  test.use({ storageState: 'tests/e2e/.auth/owner.json' });

  test('invite by link, accept as the invitee, change the role, remove; the last owner stays', async ({ page, browser }) => {
    const slug = `e2e-members-${Date.now().toString(36)}`;
    await page.goto('/projects');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('E2E members test');
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));

    await page.getByRole('link', { name: 'Members' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}/members$`));
    await page.getByLabel('Email', { exact: true }).fill('cyd@parallax.example');
    await page.getByLabel('Role', { exact: true }).selectOption('ANNOTATOR');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const linkBox = page.getByLabel('Invitation link');
    await expect(linkBox).toContainText('/invite/inv_');
    await expect(page.getByText('No mail server is configured: send this link yourself. It works once, for 7 days.')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Pending invitations' })).toContainText('cyd@parallax.example');
    await snap(page, 'members-invite');
    const link = (await linkBox.textContent())?.trim() ?? '';
    expect(link).toMatch(/^http:\/\/.+\/invite\/inv_[A-Za-z0-9_-]{43}$/);

    // The invitee, in a browser of their own: signs in, comes back to the link, accepts.
    // New contexts inherit this describe's storageState, so start this one explicitly signed out.
    const cydContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const cyd = await cydContext.newPage();
    await cyd.goto(link);
    await expect(cyd).toHaveURL(/\/login\?next=/);
    await cyd.getByLabel('Email').fill('cyd@parallax.example');
    await cyd.getByLabel('Password').fill('parallax-demo');
    await cyd.getByRole('button', { name: 'Sign in' }).click();
    await expect(cyd.getByRole('heading', { name: 'Join “E2E members test”' })).toBeVisible();
    await expect(cyd.getByText('is invited as Annotator')).toBeVisible();
    await snap(cyd, 'invite-accept');
    await cyd.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(cyd).toHaveURL(new RegExp(`/projects/${slug}$`));
    await expect(cyd.getByRole('heading', { level: 1, name: 'E2E members test' })).toBeVisible();
    // Used up: opening the link again says so.
    await cyd.goto(link);
    await expect(cyd.getByText('This invitation has already been accepted; it works only once.')).toBeVisible();
    await cydContext.close();

    // Back as the owner: cyd is a member, and the invitation is no longer pending.
    await page.reload();
    const cydRow = page.getByRole('row', { name: /cyd@parallax\.example/ });
    await expect(cydRow.getByRole('combobox')).toHaveValue('ANNOTATOR');
    await expect(page.getByText('No pending invitations.')).toBeVisible();
    await cydRow.getByRole('combobox').selectOption('VIEWER');
    await expect(cydRow.getByRole('combobox')).toBeEnabled();
    await page.reload();
    await expect(page.getByRole('row', { name: /cyd@parallax\.example/ }).getByRole('combobox')).toHaveValue('VIEWER');

    // The last owner cannot demote themselves: the reason is shown inline and the role stays.
    const ownerRow = page.getByRole('row', { name: /owner@parallax\.example/ });
    await ownerRow.getByRole('combobox').selectOption('VIEWER');
    await expect(ownerRow.getByRole('alert')).toContainText("last owner; make someone else owner first");
    await expect(ownerRow.getByRole('combobox')).toHaveValue('OWNER');
    await snap(page, 'members-last-owner');

    const cydRow2 = page.getByRole('row', { name: /cyd@parallax\.example/ });
    await cydRow2.getByRole('button', { name: /^Remove/ }).click();
    await cydRow2.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('row', { name: /cyd@parallax\.example/ })).toHaveCount(0);
    await snap(page, 'members');
  });
});

test.describe('members, as an annotator', () => {
  test.use({ storageState: 'tests/e2e/.auth/ana.json' });

  test('sees the member list read-only', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025');
    await page.getByRole('link', { name: 'Members' }).click();
    await expect(page.getByRole('row', { name: /ana@parallax\.example/ })).toBeVisible();
    await expect(page.getByRole('combobox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Invite' })).toHaveCount(0);
  });
});
