import { expect, test } from '@playwright/test';
import { snap } from './screens';

test.describe('project settings and activity, as the owner', () => {
  test.use({ storageState: 'tests/e2e/.auth/owner.json' });

  test('change settings, reveal the layers, then find both in the filtered activity log', async ({ page }) => {
    const slug = `e2e-activity-${Date.now().toString(36)}`;
    await page.goto('/projects');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('E2E activity test');
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
    const tabs = page.getByRole('navigation', { name: 'Project' });

    await tabs.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}/settings$`));
    // New projects start in blind coding.
    await expect(page.getByLabel('Blind coding')).toBeChecked();
    await page.getByLabel('Name', { exact: true }).fill('E2E activity, renamed');
    await page.getByLabel('Annotators may see agreement figures').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'E2E activity, renamed' })).toBeVisible();

    await page.getByRole('button', { name: 'Reveal all layers to annotators' }).click();
    await expect(page.getByText('Every annotator will see everyone\'s annotations on every document.')).toBeVisible();
    await snap(page, 'project-settings-reveal');
    await page.getByRole('button', { name: 'Reveal all layers to annotators', exact: true }).click();
    await expect(page.getByText(/^Revealed on .* UTC: every annotator sees everyone’s annotations\.$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hide layers again' })).toBeVisible();
    await snap(page, 'project-settings');

    await tabs.getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}/activity$`));
    const rows = page.getByRole('row');
    await expect(rows.nth(1)).toContainText('Revealed layers');
    await expect(rows.nth(2)).toContainText('Changed settings: name "E2E activity test" → "E2E activity, renamed"; annotators see agreement off → on');
    await expect(rows.nth(3)).toContainText('Created project');
    await snap(page, 'activity');

    // Filters live in the URL: choose "Members" → nothing yet, with a way back.
    await page.getByLabel('What').selectOption('members');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/type=members/);
    await expect(page.getByRole('heading', { name: 'No activity matches these filters' })).toBeVisible();
    await page.getByLabel('What').selectOption('project.reveal');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('row').nth(1)).toContainText('Revealed every annotator');
    await page.getByRole('link', { name: 'Clear' }).click();
    await expect(page.getByRole('row')).toHaveCount(4);
  });

  test('the demo project’s log: the seed is one event, filterable from the URL', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025/activity');
    await expect(page.getByRole('heading', { name: 'Activity', exact: true })).toBeVisible();
    await snap(page, 'activity-demo');
    await page.goto('/projects/pak-afghan-talks-2025/activity?type=project.seed&actor=system');
    await expect(page.getByLabel('What')).toHaveValue('project.seed');
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('cell', { name: /^Seeded the demo data: created the project, 5 articles/ })).toBeVisible();
  });
});

test.describe('project settings and activity, as an annotator', () => {
  test.use({ storageState: 'tests/e2e/.auth/ana.json' });

  test('has no Activity or Settings tab, and the pages say they are for owners', async ({ page }) => {
    await page.goto('/projects/pak-afghan-talks-2025');
    const tabs = page.getByRole('navigation', { name: 'Project' });
    await expect(tabs.getByRole('link', { name: 'Members' })).toBeVisible();
    await expect(tabs.getByRole('link', { name: 'Activity' })).toHaveCount(0);
    await expect(tabs.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    await page.goto('/projects/pak-afghan-talks-2025/activity');
    await expect(page.getByRole('heading', { name: 'Only owners can see the activity log' })).toBeVisible();
    await page.goto('/projects/pak-afghan-talks-2025/settings');
    await expect(page.getByRole('heading', { name: 'Only owners can change the project settings' })).toBeVisible();
  });
});
