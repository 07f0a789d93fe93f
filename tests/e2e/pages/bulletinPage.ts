import fs from 'node:fs';
import type { Download, Page } from 'playwright';

/** The 督查通报 preview opened from 调度评估, and its notices list. */
export class BulletinPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('open-review').click();
    await this.page.getByTestId('bulletin-open').click();
    await this.draft().waitFor();
  }

  root() {
    return this.page.getByTestId('bulletin-preview');
  }

  draft() {
    return this.page.getByTestId('draft-page');
  }

  /** The preview's paragraphs, as the .docx has them. */
  async paragraphs(): Promise<string[]> {
    return this.draft().locator('h1, h2, h3, p').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  async setDate(iso: string): Promise<void> {
    await this.page.getByTestId('bulletin-date').fill(iso);
  }

  /** Clicks a button that downloads a file and returns the file's bytes and name. */
  async downloadOf(testId: string): Promise<{ name: string; bytes: Buffer }> {
    const download: Promise<Download> = this.page.waitForEvent('download');
    await this.page.getByTestId(testId).click();
    const d = await download;
    return { name: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
  }

  noticeRows() {
    return this.page.getByTestId('notice-row');
  }

  async close(): Promise<void> {
    await this.root().getByRole('button', { name: '关闭' }).click();
    await this.root().waitFor({ state: 'detached' });
  }
}
