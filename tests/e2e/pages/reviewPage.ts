import type { Locator, Page } from 'playwright';

/** 调度评估, its agenda chooser (会议议程) and meeting mode, driven from the keyboard as a clerk would. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('open-review').focus();
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('review-tiles').waitFor();
  }

  /** Opens 调度评估 unless a test before left it open. */
  async ensureOpen(): Promise<void> {
    if ((await this.page.getByTestId('review-screen').count()) === 0) await this.open();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('review-screen').getByRole('button', { name: '关闭' }).first().click();
    await this.page.getByTestId('review-screen').waitFor({ state: 'detached' });
  }

  agendaButton(): Locator {
    return this.page.getByTestId('agenda-open');
  }

  dialog(): Locator {
    return this.page.getByTestId('agenda-dialog');
  }

  async openAgenda(): Promise<void> {
    await this.agendaButton().focus();
    await this.page.keyboard.press('Enter');
    await this.dialog().waitFor();
  }

  /** The kind whose radio has the focus (the dialog opens on the checked one). */
  focusedKind(): Promise<string | null> {
    return this.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.getAttribute('data-testid') ?? null);
  }

  /** ↓ through the radio group until `kind` is chosen. */
  async chooseKind(kind: 'lagging' | 'leader' | 'section' | 'picked'): Promise<void> {
    for (let i = 0; i < 4 && (await this.focusedKind()) !== `agenda-kind-${kind}`; i++) await this.page.keyboard.press('ArrowDown');
    if ((await this.focusedKind()) !== `agenda-kind-${kind}`) throw new Error(`议程类型 ${kind} 未能用方向键选中`);
    // Focused without being chosen (focus moved there by Tab): Space chooses it, as for any radio.
    if (!(await this.page.getByTestId(`agenda-kind-${kind}`).isChecked())) await this.page.keyboard.press('Space');
  }

  /** Tab to the list beside the chosen kind and ↓ until its value reads `label` (an option's text starts with it). */
  async chooseOption(testId: 'agenda-leader' | 'agenda-section', label: string): Promise<void> {
    await this.page.keyboard.press('Tab');
    const select = this.page.getByTestId(testId);
    const current = () => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    const count = await select.locator('option').count();
    for (let i = 0; i < count && !(await current()).startsWith(label); i++) await this.page.keyboard.press('ArrowDown');
    if (!(await current()).startsWith(label)) throw new Error(`列表中没有“${label}”`);
  }

  async saveWithEnter(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.dialog().waitFor({ state: 'detached' });
  }

  meeting(): Locator {
    return this.page.getByTestId('meeting');
  }

  meetingPage(): Locator {
    return this.page.getByTestId('meeting-page');
  }

  async startMeeting(): Promise<void> {
    await this.page.getByTestId('meeting-start').focus();
    await this.page.keyboard.press('Enter');
    await this.meeting().waitFor();
  }

  /** Every serial of the meeting, paged with →, and what each page's top says (议程 and n / N). */
  async walkMeeting(): Promise<{ serials: number[]; agendas: string[]; positions: string[] }> {
    const out = { serials: [] as number[], agendas: [] as string[], positions: [] as string[] };
    await this.page.keyboard.press('Home');
    for (;;) {
      const page = this.meetingPage();
      out.serials.push(Number(await page.getAttribute('data-serial')));
      out.agendas.push((await page.getByTestId('meeting-agenda').textContent()) ?? '');
      out.positions.push(((await page.locator('.meeting-pos').textContent()) ?? '').replace(/\s+/g, ''));
      const before = out.serials.at(-1);
      const at = out.positions.at(-1)!;
      const [n, total] = at.split('/').map(Number);
      if (n === total) break;
      await this.page.keyboard.press('ArrowRight');
      await page.locator('.meeting-pos').filter({ hasNotText: new RegExp(`^\\s*${n}\\s*/`) }).waitFor();
      if (out.serials.length > 500) throw new Error(`会议模式翻页不止（停在第${before}项）`);
    }
    return out;
  }

  async leaveMeeting(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.meeting().waitFor({ state: 'detached' });
  }
}
