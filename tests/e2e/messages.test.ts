/**
 * What the screens say (issue 14): the page without its token shows only how to open the right address;
 * undo notices in a fixed place with their way back, the save state never cut; validation messages in
 * Chinese beside their field, gone once the field is being corrected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  await s.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(() => s?.close());

describe('messages', () => {
  it('without its token the page says only how to open the right address', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(s.server.url.replace(/#token=.*/, ''));
    await page.getByTestId('token-screen').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('访问令牌无效或缺失');
    expect(text).toContain('#token=');
    expect(text).not.toMatch(/本年度还没有责任目标|共 0 项目标/);
    expect(await page.getByRole('grid').count()).toBe(0);
    await page.close();
  });

  it('an undo notice shows whole in a fixed place, with the way back; the save state is never cut', async () => {
    await s.overview.progressCell(1).locator('.cell-display').focus();
    await s.page.keyboard.type('一季度已完成地区生产总值增长目标');
    await s.page.keyboard.press('Tab');
    await s.overview.waitUntilSaved();
    const saved = s.page.getByTestId('saved-state');
    expect(await saved.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await s.page.locator('body').click({ position: { x: 5, y: 5 } });
    await s.page.keyboard.press('Control+z');
    const toast = s.page.getByTestId('toast');
    await expect.poll(() => toast.getByTestId('undo-notice').textContent()).toBe('已撤销：填报进展（第1项）');
    const box = (await toast.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(await toast.getByTestId('undo-notice').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await toast.getByRole('button', { name: '重做' }).click();
    await expect.poll(() => s.overview.progressCell(1).innerText()).toBe('一季度已完成地区生产总值增长目标');
    await expect.poll(() => toast.getByTestId('undo-notice').textContent()).toBe('已重做：填报进展（第1项）');
  });

  it('a threshold out of range is refused beside its field, in Chinese', async () => {
    await s.page.getByRole('button', { name: '设置' }).click();
    // At 1366 the first row's fields line up: 使用人（记入变更记录） is not broken over two lines.
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const form = s.page.getByTestId('settings-form');
    const inputTop = (label: string) => form.getByLabel(label).evaluate((el) => Math.round(el.getBoundingClientRect().top));
    expect(await inputTop('使用人（记入变更记录）')).toBe(await inputTop('城市名称（用于表格标题）'));
    await s.page.setViewportSize({ width: 1600, height: 900 });
    await s.page.getByTestId('threshold-green').fill('120');
    await s.page.getByTestId('settings-save').click();
    const message = s.page.locator('[data-field="reviewThresholds.green"]');
    await expect.poll(() => message.textContent()).toBe('绿灯阈值应在50%至100%之间');
    const dialogText = await s.page.getByRole('dialog').innerText();
    expect(dialogText).not.toMatch(/reviewThresholds|请求参数有误/);
    // Beside the field: in the same label as the input.
    expect(await message.evaluate((el) => el.closest('label')?.querySelector('[data-testid="threshold-green"]') !== null)).toBe(true);
    await s.page.getByTestId('threshold-green').fill('95');
    expect(await message.count()).toBe(0);
    await s.page.keyboard.press('Escape');
  });

  it("a serial error goes once the serial is corrected", async () => {
    await s.page.getByTestId('new-target').click();
    const form = s.page.getByRole('dialog');
    const serial = form.getByLabel('序号');
    await serial.fill('6');
    await form.getByLabel('责任目标内容').fill('新增的责任目标');
    await form.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => form.locator('.field-error').textContent()).toMatch(/序号 6 在2023年已被其他责任目标使用/);
    await serial.fill('41');
    expect(await form.locator('.field-error').count()).toBe(0);
    await s.page.keyboard.press('Escape');

    const detail = await s.overview.openTarget(5);
    await detail.getByTestId('field-serial').fill('6');
    await detail.getByTestId('field-serial').blur();
    await expect.poll(() => detail.locator('[data-field="serial"]').count()).toBe(1);
    await detail.getByTestId('field-serial').fill('5');
    expect(await detail.locator('[data-field="serial"]').count()).toBe(0);
    await s.page.keyboard.press('Escape');
  });

  it('a refused serial: the top bar says so on one row at 1366, and stops saying it once the serial is corrected back', async () => {
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const detail = await s.overview.openTarget(2);
    await detail.getByTestId('field-serial').fill('1');
    await detail.getByTestId('field-serial').blur();
    await expect.poll(() => s.overview.savedState()).toMatch(/^保存失败：序号 1 在2023年已被其他责任目标使用/);
    // The long message is cut in the bar (whole under the field and in its tooltip), never pushing ↶ ↷ to a second row.
    const top = async (id: string) => (await s.page.getByTestId(id).boundingBox())!.y;
    expect(Math.abs((await top('redo')) - (await top('saved-state')))).toBeLessThan(10);
    await detail.getByTestId('field-serial').fill('2');
    await detail.getByTestId('field-serial').blur();
    await expect.poll(() => s.overview.savedState()).not.toMatch(/保存失败/);
    await s.page.keyboard.press('Escape');
    await s.page.setViewportSize({ width: 1600, height: 900 });
  });

  it('新增目标 with no 责任目标内容 asks for it beside the field and creates nothing', async () => {
    await s.page.getByTestId('new-target').click();
    const form = s.page.getByRole('dialog');
    await form.getByRole('button', { name: '创建' }).click();
    const content = form.getByLabel('责任目标内容');
    await expect.poll(() => form.locator('[data-field="content"]').textContent()).toBe('请填写责任目标内容');
    expect(await content.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await s.overview.count()).toMatch(/^共 39 项目标/);
    await content.fill('新增的责任目标');
    expect(await form.locator('[data-field="content"]').count()).toBe(0);
    await s.page.keyboard.press('Escape');
    expect(await s.overview.count()).toMatch(/^共 39 项目标/);
  });
});

describe('smaller things every user sees', () => {
  it('the overview carries the 一览表\'s own title; dates read 2023年10月20日', async () => {
    expect(await s.page.getByTestId('overview-title').textContent()).toBe('菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表');
    const detail = await s.overview.openTarget(2);
    expect(await detail.locator('.drawer-sub').textContent()).toMatch(/最后修改 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await s.page.keyboard.press('Escape');
  });

  it('removing a line\'s only 牵头单位 asks first', async () => {
    const detail = await s.overview.openTarget(2);
    await detail.getByRole('button', { name: '移除“市财政局”' }).click();
    const ask = s.page.getByRole('alertdialog');
    await expect.poll(() => ask.textContent()).toContain('“市财政局”是分工 1 唯一的牵头单位');
    await ask.getByRole('button', { name: '取消' }).click();
    expect(await detail.getByRole('button', { name: '移除“市财政局”' }).count()).toBe(1);
    await s.page.keyboard.press('Escape');
  });

  it('radios and checkboxes sit beside their labels; 登记为已报送 is a quiet button', async () => {
    await s.page.getByTestId('open-export').click();
    const labels = s.page.getByTestId('export-dialog').locator('label:has(> input[type="radio"]), label:has(> input[type="checkbox"])');
    expect(await labels.count()).toBeGreaterThanOrEqual(6);
    for (const label of await labels.all()) {
      const [box, input] = [(await label.boundingBox())!, (await label.locator('input').boundingBox())!];
      // One line: the control's middle is level with the label's.
      expect(Math.abs(box.y + box.height / 2 - (input.y + input.height / 2))).toBeLessThan(4);
      expect(box.height).toBeLessThan(32);
    }
    await s.page.keyboard.press('Escape');
    await s.page.getByTestId('open-round').click();
    const mark = s.page.getByRole('button', { name: '登记为已报送' }).first();
    await mark.waitFor();
    expect(await mark.evaluate((el) => [getComputedStyle(el).fontWeight, getComputedStyle(el).textDecorationLine])).toEqual(['400', 'none']);
    await s.page.keyboard.press('Escape');
  });
});
