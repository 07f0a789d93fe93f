import type { Page } from 'playwright';
import { expect } from 'vitest';

/** The 一览表's print view (Ctrl+P over the overview, or 导出 › 打印…), as a clerk drives it. */
export class PrintViewPage {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId('print-view');
  }

  sheet() {
    return this.page.getByTestId('print-sheet');
  }

  /** Ctrl+P over the overview; the focus lands on 打印. */
  async openWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+p');
    await this.sheet().waitFor();
  }

  /**
   * From 打印 back to the 纸张 group with Shift+Tab and an arrow to the paper, then again to the 版式 group,
   * as a keyboard user chooses radio buttons (an arrow moves the choice; a group is one Tab stop). Waits for
   * the sheet to be laid out the chosen way.
   */
  async choose(layout: 'single' | 'two-block', paper: 'A3' | 'A4'): Promise<void> {
    const sheet = this.sheet();
    const has = async (cls: string) => ((await sheet.getAttribute('class')) ?? '').split(' ').includes(cls);
    // Each key waits for the focus (and the choice) before the next: a loaded machine draws the view late.
    const focusIn = (group: string) => expect.poll(() => this.page.evaluate(() => document.activeElement?.getAttribute('name') ?? null)).toBe(group);
    await this.page.getByTestId('print-run').focus();
    await this.page.keyboard.press('Shift+Tab');
    await focusIn('print-paper');
    if (!(await has(`paper-${paper}`))) await this.page.keyboard.press(paper === 'A3' ? 'ArrowLeft' : 'ArrowRight');
    await this.page.locator(`[data-testid="print-sheet"].paper-${paper}`).waitFor();
    await this.page.keyboard.press('Shift+Tab');
    await focusIn('print-layout');
    if (!(await has(`layout-${layout}`))) await this.page.keyboard.press(layout === 'single' ? 'ArrowLeft' : 'ArrowRight');
    await this.page.locator(`[data-testid="print-sheet"].layout-${layout}.paper-${paper}`).waitFor();
  }

  /** Esc from 打印 (print media, emulated by a test, hides the toolbar and so drops the focus it had). */
  async close(): Promise<void> {
    await this.page.getByTestId('print-run').focus();
    await this.page.keyboard.press('Escape');
    await this.root().waitFor({ state: 'detached' });
  }
}
