import type { Locator, Page } from 'playwright';

/** The built-in guide (使用指南) as a user pages through it. */
export class HelpPage {
  constructor(readonly page: Page) {}

  async openWithButton(): Promise<void> {
    await this.page.getByTestId('open-help').click();
    await this.guide().waitFor();
  }

  guide(): Locator {
    return this.page.getByTestId('help-guide');
  }

  async goTo(title: string): Promise<void> {
    await this.guide().getByRole('button', { name: title }).click();
  }

  heading(): Promise<string> {
    return this.page.getByTestId('help-page').locator('h3').innerText();
  }

  /** The step's screenshot as the browser decoded it: width 0 when it did not load. */
  imageWidth(): Promise<number> {
    return this.page.getByTestId('help-image').evaluate(async (img: HTMLImageElement) => {
      if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
      return img.naturalWidth;
    });
  }
}

/** The status bar's store facts. */
export class StatusBar {
  constructor(readonly page: Page) {}

  text(): Promise<string> {
    return this.page.getByTestId('store-status').innerText();
  }

  /** The data file's full path, the tooltip of its short form in the bar. */
  async fullPath(): Promise<string> {
    return ((await this.page.getByTestId('store-path').getAttribute('title')) ?? '').replace(/^数据文件：/, '');
  }
}
