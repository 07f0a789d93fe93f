import type { Locator, Page } from 'playwright';

/** The import panel as a user works it: choose files, read the preview, untick, apply, undo. */
export class ImportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('open-import').click();
    await this.page.getByTestId('import-screen').waitFor();
  }

  async choose(...files: string[]): Promise<void> {
    await this.page.getByTestId('import-files').setInputFiles(files);
  }

  async waitForPreview(): Promise<void> {
    await this.page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
  }

  summary(): Promise<string> {
    return this.page.getByTestId('import-summary').innerText();
  }

  item(serial: number): Locator {
    return this.page.locator(`[data-testid="import-item"][data-serial="${serial}"]`);
  }

  async showAll(): Promise<void> {
    await this.page.getByTestId('import-preview').getByLabel('显示').selectOption({ label: '全部' });
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('import-apply').click();
    await this.page.getByTestId('import-done').waitFor();
  }

  /** What the preview says above its rows: a file of another quarter, a field left empty. */
  topNotes(): Locator {
    return this.page.getByTestId('import-top-notes');
  }

  /** The preview's 季度, changed as a clerk does from the keyboard: Tab from 年度, then ↓ or ↑. */
  async stepQuarter(key: 'ArrowDown' | 'ArrowUp'): Promise<void> {
    await this.page.getByTestId('import-preview').getByLabel('年度').focus();
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press(key);
  }

  error(): Locator {
    return this.page.getByTestId('import-error');
  }

  async undoLatest(): Promise<void> {
    await this.page.getByRole('tab', { name: '导入记录' }).click();
    await this.page.getByTestId('import-batch').first().getByRole('button', { name: '撤销此次导入' }).click();
    await this.page.getByTestId('confirm').click();
    await this.page.getByTestId('import-batch').first().filter({ hasText: '已于' }).waitFor();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('import-screen').getByRole('button', { name: '关闭' }).click();
  }
}
