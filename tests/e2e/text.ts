import type { Page } from '@playwright/test';

// Selecting passages of the document text as a user does, shared by the specs.

/**
 * Viewport coordinates of the first and last character of a phrase in the document text. The
 * phrase may cross highlight boundaries (several text nodes), but not paragraphs.
 */
export async function phraseBox(page: Page, phrase: string) {
  return page.evaluate((needle) => {
    const blocks = document.querySelectorAll('.ProseMirror > *');
    for (const block of blocks) {
      const at = block.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      block.scrollIntoView({ block: 'center' });
      // Find the text node and offset of a character index within the block.
      const locate = (index: number): [Node, number] => {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (index < seen + length) return [node, index - seen];
          seen += length;
        }
        throw new Error('index past the block');
      };
      const rectOf = (index: number) => {
        const [node, offset] = locate(index);
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect();
      };
      const a = rectOf(at);
      const b = rectOf(at + needle.length - 1);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
    throw new Error(`phrase not found in one paragraph: ${needle}`);
  }, phrase);
}

export async function selectWithMouse(page: Page, phrase: string) {
  const box = await phraseBox(page, phrase);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
}

/** Puts the caret before the phrase with a click, then extends the selection with Shift+→. */
export async function selectWithKeyboard(page: Page, phrase: string) {
  const box = await phraseBox(page, phrase);
  await page.mouse.click(box.x1 - 1, box.y1);
  // A click on a highlight opens its card with the focus in it; Escape puts the caret back where the click was.
  const card = page.getByRole('dialog', { name: 'Annotation' });
  if (await card.waitFor({ timeout: 400 }).then(() => true, () => false)) await page.keyboard.press('Escape');
  for (let i = 0; i < phrase.length; i++) await page.keyboard.press('Shift+ArrowRight');
}


/** Selects `phrase` from the keyboard and tags it with the category key `key`. */
export async function tagWithKeyboard(page: Page, phrase: string, key: string) {
  await selectWithKeyboard(page, phrase);
  await page.keyboard.press(key);
}

/**
 * Puts the caret just before `phrase` without the mouse, through the DOM's Selection (as caret
 * browsing or a screen reader would), and gives the text the focus.
 */
export async function placeCaretBefore(page: Page, phrase: string) {
  await page.evaluate((needle) => {
    for (const block of document.querySelectorAll('.ProseMirror > *')) {
      const at = block.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (at < seen + length) {
          (document.querySelector('.ProseMirror') as HTMLElement).focus();
          const range = document.createRange();
          range.setStart(node, at - seen);
          range.collapse(true);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          block.scrollIntoView({ block: 'center' });
          return;
        }
        seen += length;
      }
    }
    throw new Error(`phrase not found in one paragraph: ${needle}`);
  }, phrase);
  // ProseMirror reads the DOM selection on the next selectionchange.
  await page.waitForTimeout(50);
}
