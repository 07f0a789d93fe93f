import type { Locator } from 'playwright';

/**
 * The cells whose text the browser broke over lines (“序/号”, “2026年11月29 / 日 20:19”, “556 / KB”): a text
 * node laid out on two lines has boxes at two heights. A cell holding several one-line texts is not broken.
 */
export function brokenCells(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((els) =>
    els
      .filter((cell) => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(text);
          if (new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1) return true;
        }
        return false;
      })
      .map((cell) => cell.textContent ?? ''),
  );
}
