import type { Locator, Page } from 'playwright';

/** The overview screen as the tests talk to it: by what a user sees and does, not by raw selectors. */
export class OverviewPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('overview-row');
  }

  row(serial: number): Locator {
    return this.page.locator(`[data-testid="overview-row"][data-serial="${serial}"]`);
  }

  lines(serial: number): Locator {
    return this.row(serial).getByTestId('line');
  }

  progressCell(serial: number, line = 0): Locator {
    return this.lines(serial).nth(line).getByTestId('progress-cell');
  }

  onScheduleCell(serial: number, line = 0): Locator {
    return this.lines(serial).nth(line).getByTestId('on-schedule-cell');
  }

  /** Scrolls the virtualised table until the target is drawn, as a user scrolling down would. */
  async scrollTo(serial: number): Promise<void> {
    const scroller = this.page.getByRole('grid');
    for (let i = 0; i < 100; i++) {
      if ((await this.row(serial).count()) > 0) {
        // A result arriving just now (after a filter was cleared) puts the table back at its top, and the
        // row is no longer drawn: then scroll down again.
        const shown = await this.row(serial)
          .scrollIntoViewIfNeeded({ timeout: 2000 })
          .then(() => true)
          .catch(() => false);
        if (shown) return;
      }
      await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.8));
      await this.page.waitForTimeout(50);
    }
    throw new Error(`第${serial}项目标没有出现在一览表中`);
  }

  /** The serial of a target, a button that opens it. */
  serialButton(serial: number): Locator {
    return this.row(serial).getByRole('button', { name: `打开第${serial}项责任目标` });
  }

  /** The element that has the keyboard focus, as something a test can compare. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'body';
      const row = el.closest('[data-testid="overview-row"]')?.getAttribute('data-serial');
      const cell = el.closest('[data-testid]')?.getAttribute('data-testid');
      return el.matches('[data-serial-button]') ? `serial ${row}` : `${cell} ${row ?? ''}`.trim();
    });
  }

  /** The textarea of the progress cell being edited, if any. */
  editor(): Locator {
    return this.page.locator('textarea.cell-editor');
  }

  async waitForRows(): Promise<void> {
    await this.rows().first().waitFor({ state: 'visible', timeout: 30_000 });
  }

  async visibleSerials(): Promise<number[]> {
    const values = await this.rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-serial'))));
    return values.sort((a, b) => a - b);
  }

  async count(): Promise<string> {
    return (await this.page.getByTestId('count').textContent()) ?? '';
  }

  async filterByLeader(name: string): Promise<void> {
    await this.page.getByTestId('filter-leader').selectOption({ label: name });
  }

  async filterByUnit(name: string): Promise<void> {
    await this.page.getByTestId('filter-unit').selectOption({ label: name });
  }

  async filterByOnSchedule(label: string): Promise<void> {
    await this.page.getByTestId('filter-on-schedule').selectOption({ label });
  }

  /** A section as the filter lists it: its name, then its count of targets （12）. */
  async filterBySection(name: string): Promise<void> {
    const option = this.page.getByTestId('filter-section').locator('option').filter({ hasText: new RegExp(`^${name}（\\d+）$`) });
    await this.page.getByTestId('filter-section').selectOption((await option.getAttribute('value'))!);
  }

  async sectionOptions(): Promise<string[]> {
    return (await this.page.getByTestId('filter-section').locator('option').allTextContents()).slice(1);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('search').fill(text);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: '清除筛选' }).click();
  }

  async chooseQuarter(label: string): Promise<void> {
    await this.page.getByTestId('quarter').selectOption({ label });
  }

  async savedState(): Promise<string> {
    return (await this.page.getByTestId('saved-state').textContent()) ?? '';
  }

  async waitUntilSaved(): Promise<void> {
    await this.page.getByTestId('saved-state').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
  }

  async openTarget(serial: number): Promise<Locator> {
    await this.row(serial).getByText(String(serial), { exact: true }).first().click();
    const detail = this.page.getByTestId('target-detail');
    await detail.waitFor({ state: 'visible' });
    return detail;
  }
}
