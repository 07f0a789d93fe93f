/**
 * The work report's commands (issue 15): import the year's report, its candidate targets and coverage as
 * stable JSON for other tools, and the year-end carry-over. Each maps onto one contract method.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Output } from '../../shared/contract';
import { AppError, systemErrorReason } from '../../shared/errors';
import { fail, noExtra, optionalInt } from './args';
import type { Command, Context, Values } from './command';
import { ensureStoreFolder, requireDb } from './store';

function requiredYear(values: Values, name: string, what: string): number {
  if (values[name] === undefined) fail(`缺少 --${name} 参数：请指定${what}。`);
  return optionalInt(values[name], what, 2000, 2100)!;
}

/** The report file's bytes, with a Chinese message naming it when it cannot be read. */
function readReportFile(file: string): { name: string; data: string } {
  const name = path.basename(file);
  try {
    return { name, data: fs.readFileSync(file).toString('base64') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('io', `找不到文件“${name}”。`, { file: name });
    if (code === 'EISDIR') throw new AppError('io', `“${name}”是文件夹，不是报告文件。`, { file: name });
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') throw new AppError('io', `文件“${name}”正被其他程序占用或无权读取，请在 Word/WPS 中关闭它后重试。`, { file: name });
    throw new AppError('io', `无法读取文件“${name}”：${systemErrorReason(err) ?? '请检查路径和权限'}`, { file: name });
  }
}

function summaryText(s: Output<'report.import'>): string {
  return `已导入${s.year}年政府工作报告 ${s.fileName}：${s.parts} 个部分、${s.sections} 个章节、${s.items} 个分项、${s.sentences} 句；主要预期目标 ${s.indicators} 项，民生实事 ${s.projects} 项；候选目标 ${s.candidates} 条。`;
}

async function reportImport({ values, args, open, print, json }: Context): Promise<void> {
  const db = requireDb(values);
  if (args.length === 0) fail('请指定要导入的报告文件（.docx 或 .txt）。');
  if (args.length > 1) fail(`一次只能导入一份报告，多余的参数：${args.slice(1).join(' ')}`);
  const year = requiredYear(values, 'year', '年份');
  // Read, and tried on an empty store in memory, before the store is opened: a file that cannot be read
  // or is not a report leaves no new, empty store behind.
  const file = readReportFile(args[0]!);
  await (await open(':memory:')).call('report.import', { year, ...file });
  ensureStoreFolder(db);
  const summary = await (await open(db)).call('report.import', { year, ...file });
  if (values.json) json(summary);
  else print(summaryText(summary));
}

/** How the report words a number: 增长5.5%左右, 1000家以上, 达到460万千瓦. */
const BEFORE: Partial<Record<Quantity['comparator'], string>> = { exceed: '超过', reach: '达到' };
const AFTER: Partial<Record<Quantity['comparator'], string>> = { about: '左右', 'at-least': '以上', 'at-most': '以内' };
type Quantity = NonNullable<Output<'report.candidates'>[number]['quantity']>;

async function candidates({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  const year = requiredYear(values, 'year', '年份');
  const list = await session.call('report.candidates', { year });
  if (values.json) return json(list);
  list.forEach((c, i) => {
    const q = c.quantity ? `  〔${BEFORE[c.quantity.comparator] ?? ''}${c.quantity.value}${c.quantity.unit}${AFTER[c.quantity.comparator] ?? ''}〕` : '';
    print(`${i + 1}. ［${c.section.name}］${c.text}${q}`);
    for (const s of c.suggestedUnits) print(`      建议牵头：${s.unit}${s.leader ? `（${s.leader}）` : ''}：${s.reason}`);
  });
  print(`共 ${list.length} 条候选目标。`);
}

async function coverage({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  const year = requiredYear(values, 'year', '年份');
  const c = await session.call('report.coverage', { year });
  if (values.json) return json(c);
  for (const s of c.sections) print(`${s.name}：${s.commitments} 项，已分解 ${s.covered} 项${s.covered < s.commitments ? `，未分解 ${s.commitments - s.covered} 项` : ''}`);
  print(`${year}年共 ${c.targets} 项责任目标，其中 ${c.linkedTargets} 项已关联到报告原文。`);
}

async function carryOver({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  const from = requiredYear(values, 'from', '结转的来源年份');
  const to = requiredYear(values, 'to', '结转的目标年份');
  const r = await session.call('plans.carryOver', { from, to });
  if (values.json) return json(r);
  print(`已将${from}年未完成和长期坚持的 ${r.carried} 项责任目标结转到${r.year}年（${r.finished} 项已完成，未结转）。`);
}

const YEAR = { year: { type: 'string' } } as const;

export const REPORT_COMMANDS: Record<string, Command> = {
  'report import': {
    usage: [['报告文件 --db 文件 --year 年份 [--json]', '导入当年政府工作报告（.docx 或 .txt），分解出候选目标（数据文件不存在时自动创建）']],
    options: YEAR,
    store: 'none',
    run: reportImport,
  },
  'report candidates': {
    usage: [['--db 文件 --year 年份 [--json]', '列出报告分解出的候选目标：所属部分、报告原文位置、数量指标和建议牵头单位']],
    options: YEAR,
    store: 'existing',
    run: candidates,
  },
  'report coverage': {
    usage: [['--db 文件 --year 年份 [--json]', '报告分解情况：每个部分的事项数和已分解为责任目标的事项数']],
    options: YEAR,
    store: 'existing',
    run: coverage,
  },
  'plan carry-over': {
    usage: [['--db 文件 --from 年份 --to 年份 [--json]', '年度结转：把上一年未完成和长期坚持的责任目标转入新一年，并关联原目标']],
    options: { from: { type: 'string' }, to: { type: 'string' } },
    store: 'existing',
    run: carryOver,
  },
};
