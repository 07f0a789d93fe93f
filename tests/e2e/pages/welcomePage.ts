import type { Locator, Page } from 'playwright';

/** The first run's welcome and the sample data's marks, as a user meets them. */
export class WelcomePage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByTestId('welcome');
  }

  async waitForWelcome(): Promise<void> {
    await this.dialog().waitFor({ state: 'visible', timeout: 30_000 });
  }

  async trySample(): Promise<void> {
    await this.page.getByTestId('welcome-sample').click();
    await this.dialog().waitFor({ state: 'detached' });
  }

  async startOwnYear(year: number, city: string, removeSample: boolean): Promise<void> {
    await this.page.getByTestId('welcome-year').fill(String(year));
    await this.page.getByTestId('welcome-city').fill(city);
    await this.page.getByTestId('welcome-remove-sample').setChecked(removeSample);
    await this.page.getByTestId('welcome-start').click();
  }

  sampleMark(): Locator {
    return this.page.getByTestId('sample-mark');
  }

  async removeSample(): Promise<void> {
    await this.page.getByTestId('remove-sample').click();
    await this.page.getByTestId('confirm').click();
  }
}
