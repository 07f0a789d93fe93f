import type { Locator, Page } from 'playwright';

/** 年度考核 as the tests talk to it: rows by unit, columns sorted by their header, a score's events. */
export class AssessmentPage {
  constructor(readonly page: Page) {}

  screen(): Locator {
    return this.page.getByTestId('assessment-screen');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-assessment').click();
    await this.page.getByTestId('assessment-table').locator('tbody tr[data-unit]').first().waitFor();
  }

  async sortBy(label: string): Promise<void> {
    await this.page.getByTestId('assessment-table').locator('thead button.sort', { hasText: label }).click();
  }

  /** The rows as shown: [rank, unit, score]. */
  async rows(): Promise<[number, string, number][]> {
    return this.page
      .getByTestId('assessment-table')
      .locator('tbody tr[data-unit]')
      .evaluateAll((rows) => rows.map((r) => [Number(r.children[0]!.textContent), r.children[1]!.textContent ?? '', Number(r.children[2]!.textContent)] as [number, string, number]));
  }

  row(unit: string): Locator {
    return this.page.locator(`[data-testid="assessment-table"] tr[data-unit="${unit}"]`);
  }

  /** Opens a unit's events and gives their reasons. */
  async events(unit: string): Promise<string[]> {
    await this.row(unit).getByTestId('assessment-score').click();
    const table = this.page.getByTestId('assessment-events');
    await table.waitFor();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.children[4]!.textContent ?? ''));
  }
}
