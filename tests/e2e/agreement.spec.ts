import { expect, test } from '@playwright/test';
import { snap } from './screens';

// The owner reviews agreement on the demo annotations, follows a cell to the passages behind it,
// walks the disagreements with the keyboard, then curates the consensus of the first article (an
// article no other spec changes). The figures themselves are checked against published examples
// in the unit tests; here it is the page, the links and the curation flow.

const project = '/projects/pak-afghan-talks-2025';
const article = 'Why Talks Between Pakistan and Afghan Taliban Fail?';

test.describe('as the owner', () => {
  test.use({ storageState: 'tests/e2e/.auth/owner.json' });

  test('agreement page: headline, categories, documents × categories, pairs; filters live in the URL', async ({ page }) => {
    await page.goto(project);
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Agreement' }).click();
    await expect(page.getByRole('heading', { name: 'Agreement', exact: true })).toBeVisible();
    const headline = page.getByTestId('agreement-headline');
    await expect(headline).toContainText(/αu overall\s*-?\d\.\d{3}/);
    await expect(headline).toContainText(/Ana, Ben, Cyd/);
    await expect(page.getByTestId('agreement-reading')).toHaveText(/reliable|tentative|unreliable/);
    await expect(page.getByTestId('category-bars').getByRole('link')).toHaveCount(10);
    const table = page.getByTestId('document-category-table');
    await expect(table.getByRole('row')).toHaveCount(6); // header + five articles
    await expect(page.getByTestId('pair-matrix').getByRole('link')).toHaveCount(6); // 3 pairs, both halves
    await expect(page.getByTestId('agreement-guidance')).toContainText('0.8');
    await snap(page, 'agreement');

    // Leave Cyd out: the choice goes into the URL and the figures follow.
    await page.getByTestId('filter-annotators').click();
    await page.getByRole('checkbox', { name: /Cyd/ }).uncheck();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(/annotators=/);
    await expect(headline).toContainText('2 annotators (Ana, Ben)');
    await expect(page.getByTestId('pair-matrix').getByRole('link')).toHaveCount(2);

    // The sentence view: α, κ and % per category.
    await page.getByRole('link', { name: 'Sentences (α, κ, %)' }).click();
    await expect(page).toHaveURL(/view=sentences/);
    await expect(page.getByTestId('sentence-table').getByRole('row')).toHaveCount(11);
    await expect(page.getByTestId('sentence-table')).toContainText('%');
    await snap(page, 'agreement-sentences');
  });

  test('a cell opens the disagreements behind it; j and k move between them', async ({ page }) => {
    await page.goto(`${project}/agreement`);
    const row = page.getByTestId('document-category-table').getByRole('row').filter({ hasText: article });
    // The first category cell of the first article (the second cell: the first is "All").
    const cell = row.getByRole('link').nth(1);
    const label = (await cell.getAttribute('aria-label'))!;
    await cell.click();
    await expect(page).toHaveURL(/agreement\/explore\?document=.*&category=/);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(article);
    await expect(page.getByRole('heading', { level: 2 })).toContainText(label.split(', ')[1]!.split(':')[0]!);
    const cards = page.getByTestId('disagreement');
    const count = await cards.count();
    if (count >= 2) {
      await expect(cards.first()).toHaveAttribute('aria-current', 'true');
      await page.keyboard.press('j');
      await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true');
      await page.keyboard.press('k');
      await expect(cards.first()).toHaveAttribute('aria-current', 'true');
      // Largest first.
      const sizes = await cards.evaluateAll((els) => els.map((e) => Number(/(\d+) characters? differ/.exec(e.textContent ?? '')?.[1] ?? 0)));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      // Each annotator's lane shows the same passage.
      await expect(cards.first().getByTestId('lane-text-Ana')).toBeVisible();
    } else {
      await expect(page.getByTestId('no-disagreements')).toBeVisible();
    }
    await expect(page.getByTestId('lane-Ana')).toBeVisible();
    await snap(page, 'agreement-explorer');
  });

  test('curate the first article: a merge rule, then accept, edit and reject one by one', async ({ page }) => {
    await page.goto(project);
    await page.getByRole('link', { name: article }).click();
    await page.getByRole('link', { name: 'Curate consensus' }).click();
    await expect(page.getByRole('heading', { name: `Curate the consensus of “${article}”` })).toBeVisible();
    const openCount = async () => Number(/(\d+) open/.exec((await page.getByTestId('open-count').textContent()) ?? '')?.[1]);
    const consensusCount = async () => Number(/(\d+) passage/.exec((await page.getByTestId('consensus-count').textContent()) ?? '')?.[1]);
    const open0 = await openCount();
    expect(await consensusCount()).toBe(0);

    // Majority: the preview says what it will do, and applying it does exactly that.
    await page.getByRole('radio', { name: 'Majority' }).click();
    const preview = page.getByTestId('merge-preview');
    const accepted = Number(/Majority: (\d+) passages? accepted/.exec((await preview.textContent()) ?? '')?.[1]);
    expect(accepted).toBeGreaterThan(0);
    await page.getByRole('button', { name: /Apply “Majority” to/ }).click();
    await expect(page.getByRole('status')).toContainText('Majority:');
    await expect.poll(consensusCount).toBe(accepted);
    expect(await openCount()).toBe(open0 - accepted);
    await snap(page, 'curation-merged', false);

    // Accept the first open item's first version with the keyboard.
    await page.keyboard.press('1');
    await expect(page.getByRole('status')).toContainText('Accepted');
    await expect.poll(consensusCount).toBe(accepted + 1);

    // Edit the next one: move its end one word earlier, then accept the edited version.
    await page.keyboard.press('e');
    const panel = page.getByTestId('edit-panel');
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: 'End one word earlier' }).click();
    await snap(page, 'curation-edit', false);
    await panel.getByRole('button', { name: /Accept this version/ }).click();
    await expect(page.getByRole('status')).toContainText('edited version');
    await expect.poll(consensusCount).toBe(accepted + 2);

    // Reject the next one: it is decided, and nothing is added.
    await page.keyboard.press('r');
    await expect(page.getByRole('status')).toContainText('Rejected');
    expect(await consensusCount()).toBe(accepted + 2);
    expect(await openCount()).toBe(open0 - accepted - 3);
    await expect(page.getByTestId('decision-log')).toContainText(/edited .*from/);
    await expect(page.getByTestId('decision-log')).toContainText(/merged \(majority\)/);

    // Take one passage out again: its item reopens.
    await page.getByTestId('consensus-item').first().hover();
    await page.getByTestId('consensus-item').first().getByRole('button', { name: /Remove/ }).click();
    await expect.poll(consensusCount).toBe(accepted + 1);
    await expect.poll(openCount).toBe(open0 - accepted - 2);

    await page.getByLabel('Curation status').selectOption('DONE');
    await expect(page.getByRole('status')).toContainText('Curation marked done');
    await snap(page, 'curation');

    // The consensus layer is a layer of the document view.
    await page.getByRole('link', { name: 'Read it in the document' }).click();
    await expect(page.getByTestId('document-reader')).toHaveAttribute('data-ready', 'true');
    const consensus = page.getByRole('checkbox', { name: /Consensus/ });
    await expect(consensus).toBeEnabled();
    await expect(page.locator('label').filter({ has: consensus })).toContainText(`Consensus${accepted + 1}`);

    // And the Curation tab lists it as done.
    await page.goto(`${project}/curation`);
    await expect(page.getByTestId('curation-overview').getByRole('row').filter({ hasText: article })).toContainText('Done');
    await snap(page, 'curation-overview');
  });
});

test.describe('as an annotator', () => {
  test.use({ storageState: 'tests/e2e/.auth/ana.json' });

  test('sees no Agreement or Curation tab while the owner keeps agreement closed, and the pages say why', async ({ page }) => {
    await page.goto(project);
    const tabs = page.getByRole('navigation', { name: 'Project' });
    await expect(tabs.getByRole('link', { name: 'Agreement' })).toHaveCount(0);
    await expect(tabs.getByRole('link', { name: 'Curation' })).toHaveCount(0);
    await page.goto(`${project}/agreement`);
    await expect(page.getByRole('heading', { name: 'Agreement is not open to annotators in this project' })).toBeVisible();
    await page.goto(`${project}/curation`);
    await expect(page.getByRole('heading', { name: 'Curation is for curators and owners' })).toBeVisible();
  });
});
