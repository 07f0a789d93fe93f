import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

describe('overview in the browser mode', () => {
  it('opens on the sample data: the Q3 2023 overview with its columns', async () => {
    const header = s.page.getByRole('columnheader');
    await expect.poll(() => header.allTextContents()).toEqual(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
    expect(await s.overview.count()).toMatch(/39\s*项目标[^\d]*40\s*条分工/);
    // The list is virtualised: only the targets on screen are in the page.
    expect(await s.overview.rows().count()).toBeLessThan(39);
    // Target 26 is one target with two lines, the second led by 肖友华.
    await s.overview.scrollTo(26);
    await expect.poll(() => s.overview.lines(26).count()).toBe(2);
    expect(await s.overview.lines(26).nth(1).textContent()).toContain('肖友华');
  });

  it('filters by leader, unit, on-schedule status and section, and clears', async () => {
    await s.overview.filterByLeader('肖友华');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([13, 20, 26]);
    await s.overview.clearFilters();
    await s.overview.filterByUnit('市应急局');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([36, 37, 38]);
    await s.overview.clearFilters();
    await s.overview.filterByOnSchedule('否');
    await expect.poll(() => s.overview.rows().count()).toBe(0);
    await s.overview.clearFilters();
    // Only the sections holding targets, each with its count; choosing one shows that many.
    const core = await openCore(s.storePath);
    const sections = (await core.invoke('plans.list', {}))[0]!.sections.filter((x) => x.targetCount > 0);
    core.close();
    const options = await s.overview.sectionOptions();
    const unsectioned = 39 - sections.reduce((n, x) => n + x.targetCount, 0);
    expect(options).toEqual([...sections.map((x) => `${x.name}（${x.targetCount}）`), `未归入篇章（${unsectioned}）`]);
    if (sections.length > 0) {
      await s.overview.filterBySection(sections[0]!.name);
      await expect.poll(() => s.overview.rows().count()).toBe(sections[0]!.targetCount);
    }
    await s.overview.clearFilters();
    await expect.poll(() => s.overview.count()).toMatch(/39\s*项目标/);
  });

  it('marks the hits in the cells, and searches the quarter shown unless asked for all quarters', async () => {
    await s.overview.search('储备粮');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([39]);
    const marks = () => s.overview.row(39).locator('mark.hit').allTextContents();
    await expect.poll(marks).toEqual(['储备粮', '储备粮']);
    const core = await openCore(s.storePath);
    const line = (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = 2').get() as { id: number }).id;
    await core.invoke('progress.save', { assignmentId: line, quarter: 2, text: '上半年完成非税收入清缴工作', onSchedule: 'yes' });
    core.close();
    await s.overview.search('非税收入清缴');
    await expect.poll(() => s.overview.count()).toMatch(/筛选出 0 项目标/);
    await s.page.getByTestId('search-all-quarters').check();
    await expect.poll(() => s.overview.visibleSerials()).toEqual([2]);
    await s.page.getByTestId('search-all-quarters').uncheck();
    await s.overview.search('');
  });

  it('shows last quarter\'s progress beside this quarter\'s when asked', async () => {
    const core = await openCore(s.storePath);
    const line = (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = 1').get() as { id: number }).id;
    await core.invoke('progress.save', { assignmentId: line, quarter: 2, text: '上半年已办理市人大代表建议120件', onSchedule: 'yes' });
    core.close();
    await s.page.getByRole('grid').evaluate((el) => el.scrollTo(0, 0));
    await s.page.getByTestId('with-previous').check();
    await expect.poll(() => s.page.getByRole('columnheader').allTextContents()).toContain('二季度完成情况（参考）');
    await expect.poll(() => s.overview.row(1).getByTestId('previous-cell').textContent()).toBe('上半年已办理市人大代表建议120件');
    expect(await s.overview.row(3).getByTestId('previous-cell').textContent()).toBe('（未填报）');
    // It does not count as a filter: all 39 are shown.
    expect(await s.overview.count()).toMatch(/^共 39 项目标/);
    await s.page.getByTestId('with-previous').uncheck();
    await expect.poll(() => s.page.getByTestId('previous-cell').count()).toBe(0);
  });

  it('searches content and progress, Chinese substrings included', async () => {
    await s.overview.search('储备粮');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([39]);
    await s.overview.search('保税物流');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([13]);
    await s.overview.search('粮');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([39]);
    await s.overview.search('');
    await expect.poll(() => s.overview.count()).toMatch(/39\s*项目标/);
  });
});

describe('data entry', () => {
  it('edits progress and on-schedule in place, with the keyboard, and keeps them after a restart', async () => {
    await s.overview.search('储备粮');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([39]);
    const cell = s.overview.progressCell(39);
    await cell.click();
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('前三季度，增加市级储备粮1.71万吨，四季度集中入库。');
    await s.page.keyboard.press('Tab');
    const flag = s.overview.onScheduleCell(39);
    await expect.poll(() => flag.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    await flag.locator('select').selectOption({ label: '否' });
    await s.overview.waitUntilSaved();
    await s.restart();
    await s.overview.waitForRows();
    await s.overview.search('集中入库');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([39]);
    expect(await s.overview.progressCell(39).textContent()).toContain('四季度集中入库');
    expect(await s.overview.onScheduleCell(39).locator('select').inputValue()).toBe('no');
    await s.overview.search('');
  });

  it('Enter moves down to the next line, and two quick edits to one target are both kept', async () => {
    await s.overview.search('重点镇');
    await expect.poll(() => s.overview.visibleSerials()).toContain(26);
    await s.overview.progressCell(26, 0).click();
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('第一条分工的新进展');
    await s.page.keyboard.press('Enter');
    // Focus is now in the second line of the same target; type right away, before the first save returns.
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('第二条分工的新进展');
    await s.page.keyboard.press('Tab');
    await s.overview.waitUntilSaved();
    await s.restart();
    await s.overview.waitForRows();
    await s.overview.search('分工的新进展');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([26]);
    expect(await s.overview.progressCell(26, 0).textContent()).toContain('第一条分工的新进展');
    expect(await s.overview.progressCell(26, 1).textContent()).toContain('第二条分工的新进展');
    await s.overview.search('');
  });
});

describe('target detail', () => {
  it('edits content, refuses a duplicate serial at the field, adds and deletes a target', async () => {
    const detail = await s.overview.openTarget(5);
    const content = detail.getByTestId('field-content');
    await content.fill('强化预算约束和绩效管理（已修改）');
    await content.blur();
    await s.overview.waitUntilSaved();
    const serial = detail.getByTestId('field-serial');
    await serial.fill('6');
    await serial.blur();
    await expect.poll(() => detail.textContent()).toMatch(/序号 6 在2023年已被其他责任目标使用/);
    await s.page.keyboard.press('Escape');

    await s.page.getByTestId('new-target').click();
    const form = s.page.getByRole('dialog');
    await form.getByLabel('责任目标内容').fill('新增的责任目标：建设城市书房20处');
    await form.getByRole('button', { name: /创建|确定|保存/ }).click();
    const created = s.page.getByTestId('target-detail');
    await created.waitFor();
    expect(await created.getByTestId('field-serial').inputValue()).toBe('40');
    await created.getByTestId('delete-target').click();
    await s.page.getByTestId('confirm').click();
    await s.overview.search('城市书房20处');
    await expect.poll(() => s.overview.rows().count()).toBe(0);
    await s.overview.search('已修改');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([5]);
  });
});
