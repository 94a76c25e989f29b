/** Helpers that act on the app as a person would: select text with the mouse or the keyboard. */
import type { Page } from 'playwright-core';

interface PhraseBox {
  startX: number;
  startY: number;
  endX: number;
  endY: number;
  /** The phrase runs right to left. */
  rtl: boolean;
}

/** Screen coordinates of the first and last character of the first occurrence of `phrase` in the document text. */
export async function phraseBox(page: Page, phrase: string, occurrence = 0): Promise<PhraseBox> {
  const box = await page.evaluate(
    ({ phrase, occurrence }) => {
      const root = document.querySelector('.ProseMirror');
      if (!root) throw new Error('No document text on the page');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      // Concatenate text nodes so a phrase split by highlight spans is still found.
      const nodes: { node: Text; start: number }[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, start: all.length });
        all += (n as Text).data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = all.indexOf(phrase, at + 1);
      if (at < 0) throw new Error(`Phrase not found: ${phrase}`);
      const locate = (offset: number) => {
        const hit = nodes.filter((x) => x.start <= offset).pop()!;
        return { node: hit.node, offset: offset - hit.start };
      };
      // The rectangle of the whole character (code point) at `offset`: a lone surrogate measures as an
      // empty box in some builds, which would end a drag inside an astral character.
      const charRect = (offset: number, units: number) => {
        const a = locate(offset);
        const b = locate(offset + units - 1);
        const r = document.createRange();
        r.setStart(a.node, a.offset);
        r.setEnd(b.node, b.offset + 1);
        return r.getBoundingClientRect();
      };
      const unitsAt = (offset: number) => ((all.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1);
      const first = charRect(at, unitsAt(at));
      const lastChar = Array.from(phrase).pop() ?? '';
      const last = charRect(at + phrase.length - lastChar.length, lastChar.length);
      // Right-to-left text on one line: the logical start of a character is its right edge.
      const rtl = Math.abs(first.top - last.top) < first.height / 2 && first.left > last.left;
      return {
        startX: rtl ? first.right - 1 : first.left + 1,
        startY: first.top + first.height / 2,
        endX: rtl ? last.left + 1 : last.right - 1,
        endY: last.top + last.height / 2,
        rtl,
      };
    },
    { phrase, occurrence },
  );
  return box;
}

/**
 * Scroll the phrase into the middle of the view. The text is focused first (without scrolling), so the
 * mouse press that follows does not focus it and let the browser scroll between measuring and pressing.
 */
export async function scrollToPhrase(page: Page, phrase: string): Promise<void> {
  await page.evaluate((phrase) => {
    const root = document.querySelector<HTMLElement>('.ProseMirror')!;
    if (document.activeElement !== root) root.focus({ preventScroll: true });
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n as Text).data.includes(phrase)) {
        n.parentElement!.scrollIntoView({ block: 'center' });
        return;
      }
    }
  }, phrase);
}

/** Drag the mouse across `phrase`, as a reader selecting it. */
export async function selectWithMouse(page: Page, phrase: string): Promise<void> {
  await scrollToPhrase(page, phrase);
  // Let a scroll caused by focusing settle before measuring.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await scrollToPhrase(page, phrase);
  const b = await phraseBox(page, phrase);
  const outward = b.rtl ? -0.5 : 0.5;
  await page.mouse.move(b.startX - outward, b.startY);
  await page.mouse.down();
  await page.mouse.move((b.startX + b.endX) / 2, (b.startY + b.endY) / 2, { steps: 4 });
  await page.mouse.move(b.endX + outward, b.endY, { steps: 4 });
  await page.mouse.up();
}

/** Put the caret just before `phrase` with a click, then extend the selection over it with Shift+ArrowRight. */
export async function selectWithKeyboard(page: Page, phrase: string): Promise<void> {
  await scrollToPhrase(page, phrase);
  const b = await phraseBox(page, phrase);
  await page.mouse.click(b.startX - (b.rtl ? -0.5 : 0.5), b.startY);
  for (let i = 0; i < [...phrase].length; i++) await page.keyboard.press('Shift+ArrowRight');
}

/** The text currently selected in the page. */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}
