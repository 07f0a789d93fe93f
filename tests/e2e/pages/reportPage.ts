import type { Locator, Page } from 'playwright';

/** 报告分解 as the tests talk to it: tabs, candidates by their text, coverage counts. */
export class ReportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('open-report').click();
    await this.page.getByTestId('report-screen').waitFor();
  }

  async tab(name: '候选目标' | '关联已有目标' | '覆盖情况' | '关键词与单位' | '导入报告'): Promise<void> {
    await this.page.getByTestId('report-screen').getByRole('tab', { name }).click();
  }

  candidates(): Locator {
    return this.page.getByTestId('candidate');
  }

  candidate(text: string): Locator {
    return this.candidates().filter({ has: this.page.getByTestId('candidate-text').filter({ hasText: text }) });
  }

  async filterSection(label: string): Promise<void> {
    await this.page.getByTestId('report-candidates').getByLabel('所属部分').selectOption({ label });
  }

  /** Which candidates the list shows: 待处理, 已关联已有目标, 全部（含已处理的）. */
  async show(label: '待处理' | '已关联已有目标' | '全部（含已处理的）'): Promise<void> {
    await this.page.getByTestId('candidate-show').selectOption({ label });
  }

  counts(): Promise<string | null> {
    return this.page.getByTestId('candidate-counts').textContent();
  }

  async select(text: string): Promise<void> {
    await this.candidate(text).getByLabel('选择').check();
  }

  async accept(): Promise<void> {
    await this.page.getByTestId('accept-selected').click();
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('report-undo').click();
  }

  message(): Promise<string | null> {
    return this.page.getByTestId('report-message').textContent();
  }

  coverageSummary(): Promise<string | null> {
    return this.page.getByTestId('coverage-summary').textContent();
  }

  coverageRow(code: string): Locator {
    return this.page.locator(`[data-testid="coverage-table"] tr[data-code="${code}"]`);
  }

  commitments(kind: 'covered' | 'uncovered'): Locator {
    return this.page.locator(`[data-testid="commitment"].${kind}`);
  }

  async close(): Promise<void> {
    await this.page.getByTestId('report-screen').getByRole('button', { name: '关闭' }).click();
  }
}
