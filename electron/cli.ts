/**
 * Command-line entry for batch work and black-box tests: the same service as the app, called directly.
 * Errors go to stderr in Chinese with a non-zero exit code.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, formatWhere } from '../shared/errors';
import { quarterLabel, ON_SCHEDULE_LABELS, type Quarter } from '../shared/domain';
import type { ImportSummary } from '../shared/contract';
import { readWorkbookFile } from './excel/sniff';
import { applyImport, parseWorkbooks, undoBatch } from './services/import';
import { buildPlan } from './services/import/plan';
import { startCore, type AppCore } from './host/app';
import { assertNotNewer } from './db/migrate';
import { countPlans, listPlanSummaries, planByYear } from './db/repos/plans';
import { loadTargets } from './db/repos/targets';
import { toListed } from './services/listJson';
import { overviewExportInput, renderOverview } from './services/export';
import { exportTemplates } from './services/templates';
import { roundStatus } from './services/rounds';
import { restoreBackup, takeBackup, verifyBackup, type BackupSummary } from './db/backup';
import { checkStore, quarantineDamaged } from './db/integrity';
import { storeError } from './db/storeErrors';
import { BACKUP_REASON_LABELS } from '../shared/wording';
import { backupNow } from './services/backups';
import { getReview } from './services/review';
import { FLAG_LABELS, LIGHT_LABELS, STATUS_LABELS } from '../shared/review/status';

const USAGE = `用法：npm run cli -- <命令> [选项]
  list --db 文件 [--year 年份] [--json]   列出责任目标（--json 输出机器可读格式）
  seed --db 文件                          载入示例数据（2023年三季度一览表）
  import 文件… --db 文件 [--year 年份] [--quarter 季度] [--dry-run] [--json]
                                          导入一览表或报送模板（先预览，--dry-run 只预览不写入）
  import --undo 批次号 --db 文件          撤销一次导入
  export overview --db 文件 --year 年份 --quarter 季度 --out 文件 [--layout single|two-block] [--paper A3|A4] [--no-summary]
                  [--leader 姓名] [--unit 单位] [--behind-only]
                                          导出一览表（.xlsx，默认A3横向并附汇总表，可按领导、单位或进度滞后筛选）
  export templates --db 文件 --year 年份 --quarter 季度 --out-dir 文件夹 [--by unit|leader]
                                          生成季度报送模板（每个责任单位或每位市政府领导一个文件）
  backup --db 文件 [--out 文件]            立即备份（SQLite 在线备份并校验；默认存入数据文件旁的“备份”文件夹）
  restore --db 文件 备份文件 [--yes]      从备份恢复：先显示备份内容，加 --yes 才替换（替换前先备份当前数据）
  check --db 文件                         检查数据文件是否完好（损坏时以非零状态退出并说明原因）
  review --db 文件 --year 年份 --quarter 季度 [--json]
                                          季度调度评估：每项目标的状态、预警灯、判断依据和提示（自报与数据不符等）
  round status --db 文件 --year 年份 --quarter 季度 [--json]
                                          季度调度报送情况：已报送、未报送（催报名单）、有提示的单位
  help                                    显示本说明`;

function fail(message: string): never {
  throw new AppError('invalid-request', message);
}

async function openExisting(db: string | undefined): Promise<AppCore> {
  if (!db) fail('缺少 --db 参数：请指定数据文件。');
  if (!fs.existsSync(db)) fail(`数据文件不存在：${db}`);
  return startCore({ storePath: db });
}

async function list(values: Record<string, string | boolean | undefined>): Promise<void> {
  const core = await openExisting(values.db as string | undefined);
  try {
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !Number.isInteger(year)) fail(`年份无效：${String(values.year)}`);
    const plans =
      year === undefined
        ? listPlanSummaries(core.db).map((p) => p.year).sort((a, b) => a - b)
        : planByYear(core.db, year)
          ? [year]
          : fail(`数据文件中没有${year}年的责任目标。`);
    const targets = plans.flatMap((y) => loadTargets(core.db, { planId: planByYear(core.db, y)!.id }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(targets.map(toListed))}\n`);
      return;
    }
    for (const t of targets) {
      console.log(`${t.year}年 第${t.serial}项  ${t.deadline}  ${t.content || '（内容为空）'}`);
      for (const a of t.assignments) {
        console.log(`    领导：${a.leaders.join('、') || '—'}  牵头：${a.leadUnits.join('、') || '—'}  配合：${a.cooperatingUnits.join('、') || '—'}`);
        for (const p of a.progress) {
          const flag = p.onSchedule ? ON_SCHEDULE_LABELS[p.onSchedule] : '未填';
          console.log(`      ${quarterLabel(p.quarter)}［${flag}］${p.text.slice(0, 60)}${p.text.length > 60 ? '…' : ''}`);
        }
      }
    }
    console.log(`共 ${targets.length} 项责任目标。`);
  } finally {
    core.close();
  }
}

async function seed(values: Record<string, string | boolean | undefined>): Promise<void> {
  const db = values.db as string | undefined;
  if (!db) fail('缺少 --db 参数：请指定数据文件。');
  const core = await startCore({ storePath: db });
  try {
    if (countPlans(core.db) > 0) fail(`数据文件 ${db} 中已有数据，示例数据只能载入空的数据文件。`);
    const { loadSampleData } = await import('./services/seed');
    await loadSampleData(core.db);
    const [plan] = listPlanSummaries(core.db);
    console.log(`已载入示例数据：${plan!.year}年 ${plan!.targetCount} 项责任目标、${plan!.assignmentCount} 条分工。`);
  } finally {
    core.close();
  }
}

function summaryLines(s: ImportSummary): string {
  return `新增目标 ${s.targetsNew} 项，更新 ${s.targetsUpdated} 项，无变化 ${s.targetsUnchanged} 项，冲突 ${s.conflicts} 项，错误 ${s.errors} 项，警告 ${s.warnings} 条；新增分工 ${s.linesNew} 条，更新分工 ${s.linesUpdated} 条`;
}

function optionalInt(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${what}无效：${String(value)}`);
  return n;
}

async function importCommand(values: Record<string, string | boolean | undefined>, files: string[]): Promise<number> {
  const db = values.db as string | undefined;
  if (!db) fail('缺少 --db 参数：请指定数据文件。');
  if (typeof values.undo === 'string') {
    const core = await openExisting(db);
    try {
      const { batch, restored } = undoBatch({ db: core.db, storePath: db }, values.undo);
      if (values.json) process.stdout.write(`${JSON.stringify({ batch, restored })}\n`);
      else console.log(`已撤销导入批次 ${batch.id}：恢复 ${restored} 项责任目标。`);
      return 0;
    } finally {
      core.close();
    }
  }
  if (files.length === 0) fail('请指定要导入的文件。');
  const year = optionalInt(values.year, '年份', 2000, 2100);
  const quarter = optionalInt(values.quarter, '季度', 1, 4) as Quarter | undefined;
  // Every file is read before the store is opened: an unreadable one stops everything, nothing written.
  const workbooks = files.map(readWorkbookFile);
  const parsed = await parseWorkbooks(workbooks);
  // A dry run leaves no trace: it previews against a copy of the store (or an empty one in memory), so
  // that not even the migrations or the switch to WAL touch the file.
  const copy = values['dry-run'] ? await dryRunCopy(db) : null;
  const core = await startCore({ storePath: copy?.path ?? db });
  try {
    const ctx = { db: core.db, storePath: db };
    const preview = buildPlan(core.db, parsed, { year, quarter }).preview;
    const batch = values['dry-run'] ? null : await applyImport(ctx, workbooks, { year, quarter });
    if (values.json) {
      const notes = [...preview.items.flatMap((i) => i.notes), ...preview.notes].filter((n) => n.severity !== 'info');
      process.stdout.write(`${JSON.stringify({ dryRun: batch === null, batchId: batch?.id ?? null, year: preview.year, quarter: preview.quarter, summary: preview.summary, notes, items: preview.items.map(({ key, serial, status, changes }) => ({ key, serial, status, changes })) })}\n`);
    } else {
      console.log(`${preview.year}年${quarterLabel(preview.quarter)}：${summaryLines(preview.summary)}`);
      for (const i of preview.items) for (const n of i.notes) if (n.severity !== 'info') console.log(`  ${n.severity === 'error' ? '错误' : '警告'}：${n.message}（${formatWhere(n.where)}）`);
      console.log(batch ? `已导入，批次号 ${batch.id}（可用 import --undo ${batch.id} 撤销）。` : '预览完成，未写入（--dry-run）。');
    }
    return 0;
  } finally {
    core.close();
    copy?.remove();
  }
}

function paperOf(value: unknown): 'A3' | 'A4' | undefined {
  if (value === undefined) return undefined;
  const v = String(value).toUpperCase();
  if (v === 'A3' || v === 'A4') return v;
  fail(`纸张无效：${String(value)}（可选 A3 或 A4）`);
}

function layoutOf(value: unknown): 'single' | 'two-block' | undefined {
  if (value === undefined) return undefined;
  if (value === 'single' || value === 'two-block') return value;
  fail(`版式无效：${String(value)}（可选 single 单栏，two-block 双栏并排）`);
}

async function exportCommand(values: Record<string, string | boolean | undefined>, what: string[]): Promise<number> {
  const [kind, ...extra] = what;
  if (kind === 'templates') return exportTemplatesCommand(values, extra);
  if (kind !== 'overview') fail(kind === undefined ? '请指定要导出的内容：export overview …' : `未知的导出内容：${kind}（目前只支持 overview 一览表）`);
  if (extra.length > 0) fail(`多余的参数：${extra.join(' ')}`);
  const out = values.out as string | undefined;
  if (!out) fail('缺少 --out 参数：请指定导出的文件（.xlsx）。');
  if (!/\.xlsx$/i.test(out)) fail(`导出文件应以 .xlsx 结尾：${out}`);
  const { year, quarter } = periodOf(values);
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) fail(`导出文件所在的文件夹不存在：${dir}`);
  const core = await openExisting(values.db as string | undefined);
  try {
    const input = overviewExportInput(
      { db: core.db, storePath: values.db as string },
      { year, quarter, leader: values.leader as string | undefined, unit: values.unit as string | undefined, behindOnly: values['behind-only'] === true,
        layout: layoutOf(values.layout),
        paperSize: paperOf(values.paper),
        summary: values['no-summary'] !== true,
      },
    );
    if (input.targets.length === 0) fail('没有符合条件的责任目标，未导出。');
    const bytes = await renderOverview(input);
    try {
      fs.writeFileSync(out, bytes);
    } catch (err) {
      throw new AppError('io', `无法写入文件 ${out}：${(err as NodeJS.ErrnoException).code === 'EBUSY' ? '文件正被其他程序打开' : '请检查路径和权限'}。`);
    }
    console.log(`已导出 ${input.targets.length} 项目标到 ${out}`);
    return 0;
  } finally {
    core.close();
  }
}

async function exportTemplatesCommand(values: Record<string, string | boolean | undefined>, extra: string[]): Promise<number> {
  if (extra.length > 0) fail(`多余的参数：${extra.join(' ')}`);
  const outDir = values['out-dir'] as string | undefined;
  if (!outDir) fail('缺少 --out-dir 参数：请指定存放报送模板的文件夹。');
  const { year, quarter } = periodOf(values);
  const by = (values.by as string | undefined) ?? 'unit';
  if (by !== 'unit' && by !== 'leader') fail(`--by 参数无效：${by}（应为 unit 按责任单位，或 leader 按市政府领导）`);
  const core = await openExisting(values.db as string | undefined);
  try {
    const files = await exportTemplates({ db: core.db, storePath: values.db as string }, { year, quarter, by });
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch {
      throw new AppError('io', `无法创建文件夹 ${outDir}：请检查路径和权限。`);
    }
    for (const f of files) {
      const file = path.join(outDir, f.fileName);
      try {
        fs.writeFileSync(file, f.bytes);
      } catch (err) {
        throw new AppError('io', `无法写入文件 ${file}：${(err as NodeJS.ErrnoException).code === 'EBUSY' ? '文件正被其他程序打开' : '请检查路径和权限'}。`);
      }
    }
    console.log(`已生成 ${files.length} 个报送模板到 ${outDir}`);
    return 0;
  } finally {
    core.close();
  }
}

function describeBackup(b: BackupSummary): string {
  const c = b.counts;
  return [
    `备份文件：${b.file}`,
    `备份时间：${new Date(b.takenAt).toLocaleString('zh-CN', { hour12: false })}${b.reason ? `（${BACKUP_REASON_LABELS[b.reason]}）` : ''}`,
    `内容：${b.years.length > 0 ? `${b.years.join('、')}年度，` : ''}${c.targets} 项目标，${c.assignments} 条分工，${c.progressReports} 条季度进展，${c.importBatches} 次导入，${c.changeLog} 条变更记录`,
    `最后一次修改：${b.lastChangeAt ? new Date(b.lastChangeAt).toLocaleString('zh-CN', { hour12: false }) : '无'}`,
  ].join('\n');
}

async function backupCommand(values: Record<string, string | boolean | undefined>, extra: string[]): Promise<number> {
  if (extra.length > 0) fail(`多余的参数：${extra.join(' ')}`);
  const core = await openExisting(values.db as string | undefined);
  try {
    const out = values.out as string | undefined;
    let summary: BackupSummary;
    if (out) {
      if (fs.existsSync(out)) fail(`文件已存在，未覆盖：${out}`);
      // A chosen file: written beside it first, verified, then put in place, like the backups of the folder.
      const dir = fs.mkdtempSync(path.join(path.dirname(path.resolve(out)), '.ducha-backup-'));
      try {
        const taken = await takeBackup(core.db, dir, 'manual');
        fs.renameSync(taken.file, out);
        summary = { ...taken, file: path.resolve(out), name: path.basename(out) };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else {
      summary = await backupNow(core.db, values.db as string, 'manual');
    }
    console.log(`已备份并通过完整性检查。\n${describeBackup(summary)}`);
    return 0;
  } finally {
    core.close();
  }
}

async function restoreCommand(values: Record<string, string | boolean | undefined>, files: string[]): Promise<number> {
  const db = values.db as string | undefined;
  if (!db) fail('缺少 --db 参数：请指定要恢复的数据文件。');
  if (files.length !== 1) fail('请指定一个备份文件：restore --db 数据文件 备份文件');
  const file = files[0]!;
  const summary = verifyBackup(file);
  console.log(describeBackup(summary));
  if (values.yes !== true) {
    console.log(`\n以上是备份中的内容。确认用它替换数据文件 ${db}，请加 --yes 再运行一次（替换前会先备份当前数据）。`);
    return 2;
  }
  if (fs.existsSync(db) && checkStore(db).ok) {
    const core = await startCore({ storePath: db });
    try {
      const safety = await backupNow(core.db, db, 'restore');
      console.log(`已先备份当前数据：${safety.file}`);
    } finally {
      core.close();
    }
  } else if (fs.existsSync(db)) {
    console.log(`当前数据文件已损坏，已原样保存为 ${quarantineDamaged(db)}。`);
  }
  await restoreBackup(db, file);
  console.log(`已从备份恢复：${db}`);
  return 0;
}

function checkCommand(values: Record<string, string | boolean | undefined>, extra: string[]): number {
  if (extra.length > 0) fail(`多余的参数：${extra.join(' ')}`);
  const db = values.db as string | undefined;
  if (!db) fail('缺少 --db 参数：请指定数据文件。');
  const check = checkStore(db);
  if (check.ok) {
    console.log(`数据文件完好：${db}`);
    return 0;
  }
  console.error(check.reason);
  return 1;
}

function periodOf(values: Record<string, string | boolean | undefined>): { year: number; quarter: Quarter } {
  if (values.year === undefined) fail('缺少 --year 参数：请指定年份。');
  if (values.quarter === undefined) fail('缺少 --quarter 参数：请指定季度（1至4）。');
  return { year: optionalInt(values.year, '年份', 2000, 2100)!, quarter: optionalInt(values.quarter, '季度', 1, 4) as Quarter };
}

async function reviewCommand(values: Record<string, string | boolean | undefined>, extra: string[]): Promise<number> {
  if (extra.length > 0) fail(`多余的参数：${extra.join(' ')}`);
  const { year, quarter } = periodOf(values);
  const core = await openExisting(values.db as string | undefined);
  try {
    const review = getReview({ db: core.db, storePath: values.db as string }, year, quarter);
    if (values.json) {
      const rows = review.items.map((i) => ({ serial: i.serial, status: i.status, statusLabel: STATUS_LABELS[i.status], light: i.light, rule: i.rule, flags: i.flags }));
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return 0;
    }
    const c = review.counts;
    console.log(
      `${year}年${quarterLabel(quarter)}：共 ${c.total} 项；${(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((s) => `${STATUS_LABELS[s]} ${c.statuses[s]}`).join('，')}；红灯 ${c.lights.red}，黄灯 ${c.lights.yellow}，绿灯 ${c.lights.green}`,
    );
    for (const i of review.items) {
      const flags = i.flags.length > 0 ? `  ［${i.flags.map((f) => FLAG_LABELS[f]).join('、')}］` : '';
      console.log(`${String(i.serial).padStart(3)}  ${LIGHT_LABELS[i.light]}  ${STATUS_LABELS[i.status]}  ${i.rule}${flags}`);
    }
    return 0;
  } finally {
    core.close();
  }
}

async function roundCommand(values: Record<string, string | boolean | undefined>, what: string[]): Promise<number> {
  const [kind, ...extra] = what;
  if (kind !== 'status') fail(kind === undefined ? '请指定：round status …' : `未知的调度命令：${kind}（目前只支持 status）`);
  if (extra.length > 0) fail(`多余的参数：${extra.join(' ')}`);
  const { year, quarter } = periodOf(values);
  const core = await openExisting(values.db as string | undefined);
  try {
    const status = roundStatus({ db: core.db, storePath: values.db as string }, year, quarter);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(status)}\n`);
      return 0;
    }
    const who = status.by === 'unit' ? '个单位' : '位领导';
    console.log(
      `${year}年${quarterLabel(quarter)}报送情况：应报送 ${status.expected} ${who}，已报送 ${status.returned}（其中有提示 ${status.withWarnings}），未报送 ${status.expected - status.returned}${status.dueDate ? `；报送截止 ${status.dueDate}` : ''}`,
    );
    const missing = status.owners.filter((o) => !o.returned);
    if (missing.length > 0) console.log(`未报送：\n${missing.map((o) => `  ${o.owner}（${o.lines}条分工）`).join('\n')}`);
    const returned = status.owners.filter((o) => o.returned);
    if (returned.length > 0) {
      console.log(
        `已报送：\n${returned.map((o) => `  ${o.owner}  ${o.returnedAt?.slice(0, 10) ?? ''}  ${o.manual ? '手工登记' : o.files.join('、')}${o.warnings > 0 ? `  提示${o.warnings}条` : ''}`).join('\n')}`,
      );
    }
    for (const u of status.unmatched) console.log(`名单外：${u.owner}（${u.file}）`);
    return 0;
  } finally {
    core.close();
  }
}

/** A throwaway copy of a store, taken with SQLite's backup API from a read-only connection. */
async function dryRunCopy(db: string): Promise<{ path: string; remove: () => void }> {
  if (!fs.existsSync(db)) return { path: ':memory:', remove: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-dry-run-'));
  const source = new Database(db, { readonly: true, fileMustExist: true });
  try {
    assertNotNewer(source);
    await source.backup(path.join(dir, 'store.sqlite'));
  } finally {
    source.close();
  }
  return { path: path.join(dir, 'store.sqlite'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      year: { type: 'string' },
      quarter: { type: 'string' },
      json: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      undo: { type: 'string' },
      out: { type: 'string' },
      leader: { type: 'string' },
      unit: { type: 'string' },
      'behind-only': { type: 'boolean' },
      layout: { type: 'string' },
      'out-dir': { type: 'string' },
      by: { type: 'string' },
      paper: { type: 'string' },
      'no-summary': { type: 'boolean' },
      yes: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case 'list':
      await list(values);
      return 0;
    case 'seed':
      await seed(values);
      return 0;
    case 'import':
      return importCommand(values, positionals);
    case 'export':
      return exportCommand(values, positionals);
    case 'round':
      return roundCommand(values, positionals);
    case 'review':
      return reviewCommand(values, positionals);
    case 'backup':
      return backupCommand(values, positionals);
    case 'restore':
      return restoreCommand(values, positionals);
    case 'check':
      return checkCommand(values, positionals);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      fail(`未知命令：${command}\n${USAGE}`);
  }
}

function describe(err: unknown): string {
  // SQLite's own failures (disk full, locked, damaged) in Chinese.
  const known = storeError(err);
  if (known && !(err instanceof AppError)) return known.message;
  if (err instanceof AppError) {
    const where = formatWhere(err.where);
    return where ? `${err.message}（${where}）` : err.message;
  }
  if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return `参数有误：${(err as Error).message}`;
  return `出错了：${err instanceof Error ? err.message : String(err)}`;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${describe(err)}\n`);
      process.exit(1);
    },
  );
}
