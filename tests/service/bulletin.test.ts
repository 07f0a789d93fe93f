/**
 * The 督查通报 and the 督办通知 of the sample's Q3, written as .docx and read back (mammoth for the text, the
 * XML for the format, LibreOffice for the printed page): every count and every listed target against the
 * review of the same store, every lagging unit's notice, the notices' records and their change log.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { Review, ReviewItem } from '../../shared/contract';
import { parseGoals, readActualFor } from '../../shared/review/quantity';
import { closingStores, tempDir } from '../helpers/store';

const store = closingStores();
type Core = Awaited<ReturnType<typeof store>>;

const STATUS_WORDS = { done: '已完成', ahead: '超进度', 'on-pace': '序时推进', behind: '滞后', 'not-reported': '未报送', ongoing: '长期坚持' } as const;

async function bulletinOf(core: Core): Promise<{ bytes: Buffer; text: string; paragraphs: string[] }> {
  const file = await core.invoke('bulletin.export', { year: 2023, quarter: 3, date: '2023-10-20' });
  const bytes = Buffer.from(file.data, 'base64');
  const text = (await mammoth.extractRawText({ buffer: bytes })).value;
  return { bytes, text, paragraphs: text.split('\n').filter((l) => l.trim() !== '') };
}

const lagging = (review: Review) => review.items.filter((i) => i.status === 'behind' || i.flags.includes('contradiction'));
const leadUnits = (i: ReviewItem) => [...new Set(i.lines.flatMap((l) => l.leadUnits))];
const pct = (n: number, total: number) => `${Math.round((n / total) * 1000) / 10}%`;

describe('the 督查通报 of the sample Q3', () => {
  it('says every count of the review, with its share', async () => {
    const core = await store(true);
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    const { text, paragraphs } = await bulletinOf(core);
    const overall = paragraphs.find((p) => p.startsWith('从调度情况看'))!;
    expect(overall).toContain(`${review.counts.total}项责任目标中`);
    for (const [status, word] of Object.entries(STATUS_WORDS)) {
      const n = review.counts.statuses[status as keyof typeof STATUS_WORDS]!;
      expect(overall).toContain(`${word}${n}项，占${pct(n, review.counts.total).replace('.0%', '%')}`);
    }
    // The numbers add up to the targets of the store.
    const store39 = core.db.prepare('SELECT count(*) FROM targets').pluck().get() as number;
    expect(Object.values(review.counts.statuses).reduce((a, b) => a + b, 0)).toBe(store39);
    // The rule used, with the quarter's pace.
    expect(text).toMatch(/判定依据：以序时进度衡量，截至三季度末年度序时进度为75%/);
    // By leader, by unit, by section: one line each, with its total.
    for (const g of [...review.byLeader, ...review.byUnit, ...review.bySection]) {
      expect(paragraphs.some((p) => p.startsWith(`${g.name}：${g.total}项`)), g.name).toBe(true);
    }
  });

  it('lists every lagging or contradicted target with its unit, its figures against its goal and its 督办意见', async () => {
    const core = await store(true);
    const id16 = core.db.prepare('SELECT id FROM targets WHERE serial = 16').pluck().get() as number;
    await core.invoke('review.saveNote', { targetId: id16, quarter: 3, note: '请市发展改革委10月底前报送整改措施' });
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    const { paragraphs } = await bulletinOf(core);
    const items = paragraphs.filter((p) => /^\d+\.第\d+项：/.test(p));
    const expected = lagging(review);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((p) => Number(/第(\d+)项/.exec(p)![1]))).toEqual(expected.map((i) => i.serial));
    expect(paragraphs.find((p) => p.startsWith('三、'))).toBe('三、滞后及自报与数据不符的目标');
    expect(paragraphs).toContain(`${expected.length}项责任目标进度滞后或自报情况与数据不符，具体如下：`);
    for (const [k, item] of expected.entries()) {
      const p = items[k]!;
      expect(p).toContain(`责任单位：${leadUnits(item).join('、')}`);
      // Each number the review compared: the actual as read, and the gap to the goal.
      const goals = parseGoals(item.content);
      for (const check of item.lines.flatMap((l) => l.checks)) {
        if (check.actual === null) continue;
        const goal = goals[check.goalIndex]!;
        const actual = readActualFor(goal, check.actual)!;
        expect(p).toContain(`${actual.written}${actual.unit}`);
        if (goal.kind === 'growth-rate') expect(p).toContain(`低于目标${Math.round((goal.value - actual.value) * 10) / 10}个百分点`);
        if (goal.kind === 'amount') expect(p).toContain(`为目标${goal.written}${goal.unit}`);
      }
      if (item.flags.includes('contradiction')) expect(p).toMatch(/自报“[^”]+”与数据不符/);
      if (item.note !== '') expect(p).toContain(`督办意见：${item.note}`);
    }
    // The sample's own numbers, as the published table states them.
    expect(items.find((p) => p.includes('第7项'))).toContain('增长8.5%，低于目标1.5个百分点');
    expect(items.find((p) => p.includes('第16项'))).toContain('完成33家，为目标100家以上的33%，低于序时进度（75%）42个百分点');
    expect(items.find((p) => p.includes('第39项'))).toContain('完成1.71万吨，为目标8.6万吨的19.9%');
  });

  it('names late, missing and copied returns, and ends with the office and the date', async () => {
    const core = await store(true);
    const id5 = core.db.prepare('SELECT id FROM targets WHERE serial = 5').pluck().get() as number;
    const t5 = await core.invoke('targets.get', { id: id5 });
    const q3 = t5.assignments[0]!.progress.find((p) => p.quarter === 3)!;
    // Q4 reported with Q3's text word for word, and a round with a due date where one unit returned late.
    await core.invoke('progress.save', { assignmentId: t5.assignments[0]!.id, quarter: 4, text: q3.text, onSchedule: 'yes' });
    await core.invoke('export.templates', { year: 2023, quarter: 4 });
    await core.invoke('round.update', { year: 2023, quarter: 4, dueDate: '2023-12-25' });
    const owners = (await core.invoke('round.status', { year: 2023, quarter: 4 })).owners;
    await core.invoke('round.mark', { year: 2023, quarter: 4, owner: owners[0]!.owner, returned: true });
    const file = await core.invoke('bulletin.export', { year: 2023, quarter: 4, date: '2024-01-10' });
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(file.data, 'base64') })).value;
    const today = new Date();
    const lateDays = Math.round((Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) - Date.UTC(2023, 11, 25)) / 86_400_000);
    expect(text).toContain(`逾期报送的单位（报送截止日期2023年12月25日）：${owners[0]!.owner}（迟报${lateDays}天）`);
    expect(text).toContain(`截至通报时仍未报送的单位：${owners.slice(1).map((o) => o.owner).join('、')}`);
    expect(text).toContain(`完成情况照搬上季度内容的：${t5.assignments[0]!.leadUnits[0]}（第5项）`);
    // Every other target has no Q4 report.
    expect(text).toMatch(/未报送完成情况的责任目标：第1项/);
    const tail = text.trim().split('\n').filter((l) => l.trim() !== '').slice(-2);
    expect(tail).toEqual(['菏泽市人民政府办公室', '2024年1月10日']);
  });

  it('is an official document: A4, GB/T 9704 margins, 22 lines of 28.95 pt, the fonts with fallbacks, — n — page numbers', async () => {
    const core = await store(true);
    const { bytes } = await bulletinOf(core);
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const mmOf = (twips: string) => Math.round((Number(twips) / 1440) * 25.4);
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(doc)!;
    expect([mmOf(size[1]!), mmOf(size[2]!)]).toEqual([210, 297]);
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(doc)!;
    expect({ top: mmOf(margin[1]!), right: mmOf(margin[2]!), bottom: mmOf(margin[3]!), left: mmOf(margin[4]!) }).toEqual({ top: 37, right: 26, bottom: 35, left: 28 });
    expect(doc).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(styles).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>/);
    // 22 lines fill the text block: (297 − 37 − 35) mm over 22.
    expect(((297 - 37 - 35) / 25.4) * 72 / 22).toBeCloseTo(579 / 20, 0);
    const runsOf = (font: string, sz: number) => new RegExp(`<w:rFonts[^>]*w:eastAsia="${font}"[^>]*/>.*?<w:sz w:val="${sz}"/>`).test(doc);
    expect(runsOf('方正小标宋简体', 44)).toBe(true);
    expect(runsOf('仿宋_GB2312', 32)).toBe(true);
    expect(runsOf('黑体', 32)).toBe(true);
    expect(runsOf('楷体_GB2312', 32)).toBe(true);
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f.replace(/<[^>]+>/g, '')).toMatch(/^— PAGE —$|^— .*—$/);
      expect(f).toContain('PAGE');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)![1]).sort()).toEqual(['left', 'right']);
  });

  it('prints, in LibreOffice, on A4 with at most 28 characters and 22 lines of text a page and — 1 — at the foot', async () => {
    const core = await store(true);
    const { bytes, paragraphs } = await bulletinOf(core);
    const dir = tempDir('bulletin-pdf-');
    fs.writeFileSync(path.join(dir, 'b.docx'), bytes);
    const lo = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'b.docx')], { encoding: 'utf8', timeout: 120_000 });
    expect(lo.status, lo.stderr).toBe(0);
    const pdf = path.join(dir, 'b.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const pageTexts = text.split('\f').slice(0, pages);
    let widest = 0;
    pageTexts.forEach((page, i) => {
      const lines = page.split('\n').filter((l) => l.trim() !== '');
      expect(lines.at(-1)!.trim()).toBe(`—${i + 1}—`);
      const body = lines.slice(0, -1);
      expect(body.length).toBeLessThanOrEqual(22);
      // Counted as the grid counts: a CJK character is one cell, two Latin characters or digits one.
      for (const l of body) {
        const cells = [...l.replace(/\s/g, '')].reduce((n, ch) => n + (/[\u0000-\u00ff]/.test(ch) ? 0.5 : 1), 0);
        expect(cells, l).toBeLessThanOrEqual(28);
        widest = Math.max(widest, cells);
      }
    });
    // And a full line holds 28 (三号 as drawn unchanged would give 27).
    expect(widest).toBeGreaterThanOrEqual(27.5);
    // Nothing lost on the way: the last paragraph is on the last page.
    expect(pageTexts.at(-1)!.replace(/\s/g, '')).toContain(paragraphs.at(-1)!.replace(/\s/g, ''));
  }, 120_000);

  it('takes its wording from 设置, and a change of it is in the change log', async () => {
    const core = await store(true);
    const before = (await core.invoke('settings.get', {})).bulletinWording;
    await core.invoke('settings.update', { bulletinWording: { ...before, title: '{年}年{季度}督查通报（第{目标总数}号）', office: '市政府督查室' } });
    const { paragraphs } = await bulletinOf(core);
    expect(paragraphs[0]).toBe('2023年三季度督查通报（第{目标总数}号）');
    expect(paragraphs.at(-2)).toBe('市政府督查室');
    const log = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'settings' ORDER BY id DESC").get() as { before_json: string; after_json: string };
    expect(JSON.parse(log.before_json).bulletinWording.title).toBe(before.title);
    expect(JSON.parse(log.after_json).bulletinWording.title).toBe('{年}年{季度}督查通报（第{目标总数}号）');
  });

  it('the preview draft is the same model the .docx is written from', async () => {
    const core = await store(true);
    const draft = await core.invoke('bulletin.draft', { year: 2023, quarter: 3, date: '2023-10-20' });
    const { paragraphs } = await bulletinOf(core);
    expect(paragraphs.map((p) => p.trim())).toEqual(draft.blocks.map((b) => `${b.kind === 'paragraph' && b.lead ? b.lead : ''}${b.text}`.trim()));
    expect(draft.lagging.map((e) => e.serial)).toEqual(lagging(await core.invoke('review.get', { year: 2023, quarter: 3 })).map((i) => i.serial));
  });
});

describe('督办通知', () => {
  it('one per lagging unit of the sample, each read back, recorded and logged', async () => {
    const core = await store(true);
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    const expected = new Map<string, number[]>();
    for (const item of lagging(review)) {
      for (const line of item.lines.filter((l) => l.status === 'behind' || l.flags.includes('contradiction'))) {
        for (const unit of line.leadUnits) expected.set(unit, [...new Set([...(expected.get(unit) ?? []), item.serial])]);
      }
    }
    expect(expected.size).toBeGreaterThan(1);
    const issued = await core.invoke('notices.issue', { year: 2023, quarter: 3, date: '2023-10-20' });
    expect(issued.fileName).toMatch(/督办通知.*\.zip$/);
    const zip = await JSZip.loadAsync(Buffer.from(issued.data, 'base64'));
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(expected.size);
    for (const [unit, serials] of expected) {
      const name = names.find((n) => n.includes(`_${unit}_`))!;
      expect(name, unit).toBeDefined();
      const text = (await mammoth.extractRawText({ buffer: await zip.file(name)!.async('nodebuffer') })).value;
      const paragraphs = text.split('\n').filter((l) => l.trim() !== '');
      expect(paragraphs[0]).toBe('督办通知');
      expect(paragraphs[1]).toBe(`${unit}：`);
      expect(paragraphs[2]).toContain(`你单位牵头的${serials.length}项责任目标`);
      expect(paragraphs.filter((p) => /^\d+\.第\d+项：/.test(p)).map((p) => Number(/第(\d+)项/.exec(p)![1]))).toEqual(serials);
      expect(text).toContain('于2023年10月30日前将整改措施和推进计划书面报送菏泽市人民政府办公室');
      expect(paragraphs.slice(-2)).toEqual(['菏泽市人民政府办公室', '2023年10月20日']);
    }
    const rows = core.db.prepare('SELECT u.name AS unit, n.target_ids, n.reply_due, n.replied_at FROM supervision_notices n JOIN units u ON u.id = n.unit_id ORDER BY n.id').all() as {
      unit: string;
      target_ids: string;
      reply_due: string;
      replied_at: string | null;
    }[];
    const serialOf = new Map(review.items.map((i) => [i.targetId, i.serial]));
    expect(new Map(rows.map((r) => [r.unit, (JSON.parse(r.target_ids) as number[]).map((id) => serialOf.get(id))]))).toEqual(expected);
    expect(rows.every((r) => r.reply_due === '2023-10-30' && r.replied_at === null)).toBe(true);
    const log = core.db.prepare("SELECT count(*) FROM change_log WHERE kind = 'notice-issue'").pluck().get();
    expect(log).toBe(expected.size);
    expect((await core.invoke('notices.list', { year: 2023, quarter: 3 })).map((n) => n.unit).sort()).toEqual([...expected.keys()].sort());
  });

  it('one unit from the review: its .docx alone; the reply date recorded, logged, and checked', async () => {
    const core = await store(true);
    const issued = await core.invoke('notices.issue', { year: 2023, quarter: 3, unit: '市妇联', date: '2023-10-20', replyDue: '2023-10-27' });
    expect(issued.fileName).toBe('督办通知_市妇联_2023年三季度（示例数据）.docx');
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(issued.data, 'base64') })).value;
    expect(text).toContain('1.第21项：统筹抓好国家儿童友好城市建设');
    expect(text).toContain('于2023年10月27日前');
    const [notice] = issued.notices;
    await expect(core.invoke('notices.issue', { year: 2023, quarter: 3, unit: '市财政局' })).rejects.toThrow('“市财政局”2023年三季度没有进度滞后或自报与数据不符的责任目标，无需发督办通知。');
    const today = new Date().toISOString().slice(0, 10);
    const replied = await core.invoke('notices.reply', { id: notice!.id, repliedAt: today });
    expect(replied).toMatchObject({ unit: '市妇联', serials: [21], replyDue: '2023-10-27', repliedAt: today, late: today > '2023-10-27' });
    await expect(core.invoke('notices.reply', { id: notice!.id, repliedAt: '2020-01-01' })).rejects.toThrow(/早于督办通知的发出日期/);
    const log = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'notice-reply'").all() as { before_json: string; after_json: string }[];
    expect(log.map((r) => [JSON.parse(r.before_json).repliedAt, JSON.parse(r.after_json).repliedAt])).toEqual([[null, today]]);
  });

  it('go with their year when the sample data is removed', async () => {
    const core = await store(true);
    await core.invoke('notices.issue', { year: 2023, quarter: 3 });
    await core.invoke('sample.remove', { year: 2023 });
    expect(core.db.prepare('SELECT count(*) FROM supervision_notices').pluck().get()).toBe(0);
  });
});
