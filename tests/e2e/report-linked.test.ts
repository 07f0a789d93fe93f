/**
 * 报告分解's three tabs agree: a clause an existing target is linked to shows as 已关联：第N项 in 候选目标,
 * is left out of 待处理, and adopting it again asks first (driven by the keyboard: Space on the row's
 * checkbox, Tab to 采纳为责任目标, Enter; Escape in the question keeps the year as it was).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ReportPage } from './pages/reportPage';

let s: Session;
let report: ReportPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  report = new ReportPage(s.page);
});
afterAll(() => s?.close());

const GDP = '地区生产总值增长 5.5%左右';
const INVESTMENT = '固定资产投资增长 10%左右';

describe('candidates already covered by a target', () => {
  it('counts agree with 覆盖情况: the linked clauses are not 待处理', async () => {
    await report.open();
    await expect.poll(() => report.counts()).toBe('待处理 124 · 已关联已有目标 30 · 已采纳 0 · 已舍弃 0');
    await expect.poll(() => report.candidate(GDP).count()).toBe(0);
    await report.tab('覆盖情况');
    await expect.poll(() => report.coverageSummary()).toMatch(/39 项，其中 36 项已关联/);
    const covered = await report.coverageRow('main-targets').locator('td').nth(2).textContent();
    await report.tab('候选目标');
    await report.filterSection('主要预期目标');
    await report.show('已关联已有目标');
    await expect.poll(() => report.candidates().count()).toBe(Number(covered));
    await expect.poll(() => report.candidate(GDP).getByTestId('candidate-status').textContent()).toBe('已关联：第6项');
  });

  it('adopting a linked clause asks first; Escape leaves the targets as they were, 仍然采纳 adds one', async () => {
    await report.candidate(GDP).getByLabel('选择').focus();
    await s.page.keyboard.press('Space');
    await report.page.getByTestId('accept-selected').focus();
    await s.page.keyboard.press('Enter');
    const question = s.page.getByRole('alertdialog');
    await expect.poll(() => question.textContent()).toContain('已有责任目标关联');
    await expect.poll(() => s.page.getByTestId('linked-details').textContent()).toContain('已关联：第6项');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    // The report screen stays open and nothing was added.
    expect(await s.page.getByTestId('report-screen').isVisible()).toBe(true);
    await expect.poll(() => s.overview.count()).toContain('共 39 项目标');

    await report.page.getByTestId('accept-selected').focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('button', { name: '仍然采纳' }).focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => report.message()).toBe('已采纳1条为责任目标');
    await expect.poll(() => s.overview.count()).toContain('共 40 项目标');
  });

  it('the service refuses a linked clause without the confirmation (the CLI and a second window too)', async () => {
    const list = (await s.server.core.call('report.worklist', { year: 2023 })) as { ok: true; value: { candidates: { id: number; status: string; coveredBy: unknown[] }[] } };
    const linked = list.value.candidates.find((c) => c.status === 'open' && c.coveredBy.length > 0)!;
    const refused = (await s.server.core.call('report.acceptCandidates', { year: 2023, ids: [linked.id] })) as { ok: false; error: { message: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toMatch(/已关联：第\d+项/);
  });
});

describe('建议牵头单位 with an empty keyword table', () => {
  it('is filled from the year’s targets, says what would fill an empty cell, and its header is on one line', async () => {
    await report.show('已关联已有目标');
    await report.filterSection('全部部分');
    // The clause target 7 covers suggests target 7's lead unit (GDP, target 6's, was adopted above).
    const six = (await s.server.core.call('targets.list', {})) as { ok: true; value: { serial: number; assignments: { leadUnits: string[] }[] }[] };
    const unit = six.value.find((t) => t.serial === 7)!.assignments[0]!.leadUnits[0]!;
    await expect.poll(() => report.candidate(INVESTMENT).getByTestId('candidate-units').textContent()).toContain(`${unit}`);
    await expect.poll(() => report.candidate(INVESTMENT).getByTestId('candidate-units').textContent()).toContain('第7项的牵头单位');
    await report.show('待处理');
    const cells = s.page.getByTestId('candidate-units');
    const texts = await cells.allTextContents();
    expect(texts.filter((t) => t.includes('（单位名称）')).length).toBeGreaterThan(0);
    expect(texts.filter((t) => t === '').length).toBe(0);
    expect(texts.some((t) => t.includes('无建议：可在“关键词与单位”中添加关键词'))).toBe(true);
    const header = s.page.getByTestId('report-candidates').getByRole('columnheader', { name: '建议牵头单位' });
    const lines = await header.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
  });
});
