/**
 * The office's written work from the command line (issue 19): the quarter's 督查通报 as a .docx, and the
 * 督办通知 to every lagging unit into a folder (the app offers them as a zip). Each maps onto one method.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { fail, noExtra, periodOf, stringOf } from './args';
import type { Command, Context } from './command';
import { step } from './interrupt';
import { writeOutput } from './store';

const OPTIONS = { year: { type: 'string' }, quarter: { type: 'string' }, date: { type: 'string' } } as const;

function dateOf(c: Context, name: string): string | undefined {
  const v = c.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail(`--${name} 的日期格式应为 YYYY-MM-DD：${String(v)}`);
  return v;
}

async function bulletin(c: Context): Promise<void> {
  noExtra(c.args);
  const out = stringOf(c.values, 'out', '缺少 --out 参数：请指定督查通报的保存位置（.docx）。');
  if (!/\.docx$/i.test(out)) fail(`督查通报应保存为 .docx 文件：${out}`);
  const date = dateOf(c, 'date');
  const file = await c.session.call('bulletin.export', { ...periodOf(c.values), ...(date ? { date } : {}) });
  writeOutput(out, Buffer.from(file.data, 'base64'));
  if (c.values.json) return c.json({ file: path.resolve(out), targets: file.targets, lagging: file.lagging });
  c.print(`已生成督查通报 ${out}：共 ${file.targets} 项责任目标，滞后或自报与数据不符 ${file.lagging.length} 项${file.lagging.length > 0 ? `（第${file.lagging.join('、')}项）` : ''}。`);
}

async function notices(c: Context): Promise<void> {
  noExtra(c.args);
  const outDir = stringOf(c.values, 'out-dir', '缺少 --out-dir 参数：请指定督办通知的保存文件夹。');
  const date = dateOf(c, 'date');
  const replyDue = dateOf(c, 'reply-due');
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch {
    throw new AppError('io', `无法创建文件夹 ${outDir}：请检查路径和权限。`);
  }
  const issued = await c.session.call('notices.issue', { ...periodOf(c.values), ...(date ? { date } : {}), ...(replyDue ? { replyDue } : {}) });
  // The service hands every notice over in one zip, as the app saves it; the CLI writes them one by one.
  const { default: JSZip } = await import('jszip');
  const entries = Object.values((await JSZip.loadAsync(Buffer.from(issued.data, 'base64'))).files).filter((e) => !e.dir);
  await step(
    async () => {
      for (const entry of entries) writeOutput(path.join(outDir, entry.name), await entry.async('nodebuffer'));
    },
    { writes: true },
  );
  if (c.values.json) {
    return c.json({
      dir: path.resolve(outDir),
      files: entries.map((e) => e.name),
      notices: issued.notices.map((n) => ({ id: n.id, unit: n.unit, serials: n.serials, replyDue: n.replyDue })),
    });
  }
  for (const n of issued.notices) c.print(`${n.unit}：第${n.serials.join('、')}项，回复期限 ${n.replyDue}`);
  c.print(`已生成 ${entries.length} 份督办通知到 ${outDir}，已记入督办记录。`);
}

export const BULLETIN_COMMANDS: Record<string, Command> = {
  bulletin: {
    usage: [['--db 文件 --year 年份 --quarter 季度 --out 文件.docx [--date 成文日期] [--json]', '生成季度督查通报（Word，公文格式），数字取自该季度的调度评估']],
    options: { ...OPTIONS, out: { type: 'string' } },
    store: 'existing',
    run: bulletin,
  },
  notices: {
    usage: [['--db 文件 --year 年份 --quarter 季度 --out-dir 文件夹 [--date 发文日期] [--reply-due 回复期限] [--json]', '给每个有滞后目标的牵头单位生成督办通知（每单位一个 Word 文件），并记入督办记录']],
    options: { ...OPTIONS, 'out-dir': { type: 'string' }, 'reply-due': { type: 'string' } },
    store: 'existing',
    run: notices,
  },
};
