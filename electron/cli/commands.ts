/**
 * The CLI's commands: one entry each, keyed by the words that name it ("list", "export overview"). A command
 * maps its options onto one or more contract methods and prints the result. One that wraps a single method
 * is an entry with `run: printed(method, input, text)`, as `review` and `round status` are.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportBatch, ImportPreview, Input, MethodName, Output } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { classify, FILE_KIND_NAMES, kindsOf, skippedSummary, type FileKind, type ListedFile, type ReadAs, type SkippedEntry } from '../../shared/dropped';
import { toListed } from '../../shared/listJson';
import { readWorkbookFile } from '../excel/sniff';
import { choiceOf, fail, noExtra, periodOf, quarterOf, stringOf, today, yearOf } from './args';
import type { Command, Context, Session } from './command';
import { backupText, noteText, periodText, reviewRows, reviewText, roundText, shownNotes, summaryText, targetsText } from './format';
import { assertStoreExists, ensureStoreFolder, requireDb, writeOutput } from './store';
import { REPORT_COMMANDS } from './reportCommands';
import { BULLETIN_COMMANDS } from './bulletinCommands';
import { ASSESS_COMMANDS } from './assessCommand';
import { atInterrupt, newJobId, step } from './interrupt';
import { columnMapping, warnOnStderr } from './importColumns';
import { isTopNote, QUARTER_MISMATCH } from '../../shared/importNotes';

const PERIOD = { year: { type: 'string' }, quarter: { type: 'string' } } as const;

/**
 * A command that calls one method: the input from the options, the output printed as text, or with --json
 * as JSON (the output itself unless `json` picks a stable subset).
 */
function printed<M extends MethodName>(
  method: M,
  input: (c: Context) => Input<M>,
  text: (output: Output<M>, input: Input<M>) => string,
  json: (output: Output<M>) => unknown = (output) => output,
): Command['run'] {
  return async (c) => {
    noExtra(c.args);
    const request = input(c);
    const output = await c.session.call(method, request);
    if (c.values.json) c.json(json(output));
    else c.print(text(output, request));
  };
}

async function seed({ values, args, session, open, print, json }: Context): Promise<void> {
  noExtra(args);
  // Read-only, the app shows the sample in memory; written nowhere, it is no "loaded" for a script.
  if (session.core.readOnly) throw new AppError('io', `未载入示例数据。${session.core.readOnly.reason}`);
  if ((await session.call('plans.list', {})).length > 0) fail(`数据文件 ${values.db as string} 中已有数据，示例数据只能载入空的数据文件。`);
  session.core.close();
  // The sample data set is loaded the way the app loads it on a first start: in three writes (the plan and
  // its report, the city, the import), so Ctrl+C waits for all of them rather than leave half a sample.
  const seeded = await step(() => open(values.db as string, { seedIfEmpty: true }), { writes: true });
  const [plan] = await seeded.call('plans.list', {});
  if (values.json) return json({ year: plan!.year, targets: plan!.targetCount, assignments: plan!.assignmentCount });
  print(`已载入示例数据：${plan!.year}年 ${plan!.targetCount} 项责任目标、${plan!.assignmentCount} 条分工。`);
}

/** Items that would have changed the store, for a refused import's message. */
function wouldChange(preview: ImportPreview): string {
  const s = preview.summary;
  const serials = preview.items.filter((i) => i.status === 'new' || i.status === 'updated').map((i) => i.serial);
  const shown = serials.length > 20 ? `${serials.slice(0, 20).join('、')}等` : serials.join('、');
  return `本次导入原将新增 ${s.targetsNew} 项、更新 ${s.targetsUpdated} 项责任目标${serials.length > 0 ? `（第${shown}项）` : ''}，均未写入。`;
}

/** The files read, each with where it was found and what it was read as (一览表 / 报送模板 / Word 报送). */
function filesRead(found: FoundFile[], preview: ImportPreview): { path: string; kind: FileKind }[] {
  const kinds = kindsOf(found, preview.files);
  return found.map((f, i) => ({ path: f.path, kind: kinds[i]! }));
}

function printImport({ values, print, json }: Context, preview: ImportPreview, batch: ImportBatch | null, { found, skipped }: Workbooks): void {
  warnOnStderr(preview);
  const files = filesRead(found, preview);
  if (values.json) {
    const items = preview.items.map(({ key, serial, status, changes }) => ({ key, serial, status, changes }));
    json({ dryRun: batch === null, batchId: batch?.id ?? null, year: preview.year, quarter: preview.quarter, summary: preview.summary, notes: shownNotes(preview), columns: columnMapping(preview), items, files, skipped });
    return;
  }
  // A folder's list, as the import screen shows it: what was read, as what, and what was left out and why.
  if (found.some((f) => f.inFolder)) print(`已读取 ${files.length} 个文件：${files.map((f) => `${f.path}（${FILE_KIND_NAMES[f.kind]}）`).join('、')}`);
  if (skipped.length > 0) print(skippedSummary(skipped, skipped.length));
  print(`${periodText(preview.year, preview.quarter)}：${summaryText(preview.summary)}`);
  for (const n of shownNotes(preview).filter((n) => !isTopNote(n))) print(noteText(n));
  print(batch ? `已导入，批次号 ${batch.id}（可用 import --undo ${batch.id} 撤销）。` : '预览完成，未写入（--dry-run）。');
}

interface FoundFile extends ListedFile {
  inFolder: boolean;
}
interface Workbooks {
  /** path: as named on the command line, or under the folder named (the import's name for it when two share a name). */
  files: { name: string; path: string; bytes: Buffer }[];
  found: FoundFile[];
  skipped: SkippedEntry[];
}

/** A file named on its own is read whatever its name; the reader then says what it is by its content. */
function readAsOf(name: string): ReadAs {
  const c = classify(name);
  return 'readAs' in c ? c.readAs : 'sheet';
}

/**
 * The workbooks named on the command line, read. A folder gives every workbook under it, the rest named as
 * skipped, as 导入文件夹… does in the app; a file named on its own is always read (and refused if it is no
 * workbook), so that nothing the user asked for is silently left out.
 */
async function workbooksOf(args: string[]): Promise<Workbooks> {
  const result: Workbooks = { files: [], found: [], skipped: [] };
  for (const arg of args) {
    if (!fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory()) {
      const file = readWorkbookFile(arg);
      result.files.push({ ...file, path: arg });
      result.found.push({ path: file.name, name: file.name, readAs: readAsOf(file.name), inFolder: false });
      continue;
    }
    const { expandPaths } = await import('../droppedFiles');
    const found = await expandPaths([arg]);
    if (found.workbooks.length === 0) fail(`文件夹 ${arg} 中没有可导入的表格或 Word 报送。${skippedSummary(found.skipped)}`);
    result.files.push(...found.workbooks.map((w) => ({ ...readWorkbookFile(w.file), path: w.path })));
    result.found.push(...found.workbooks.map((w) => ({ path: w.path, name: w.name, readAs: w.readAs, inFolder: true })));
    result.skipped.push(...found.skipped);
  }
  return result;
}

async function importCommand(c: Context): Promise<number | void> {
  const { values, args, open } = c;
  const db = requireDb(values);
  if (typeof values.undo === 'string') {
    noExtra(args);
    assertStoreExists(db);
    const { batch, restored } = await (await open(db)).call('import.undo', { batchId: values.undo });
    if (values.json) c.json({ batch, restored });
    else c.print(`已撤销导入批次 ${batch.id}：恢复 ${restored} 项责任目标。`);
    return;
  }
  if (args.length === 0) fail('请指定要导入的文件。');
  const workbooks = await workbooksOf(args);
  const { files, skipped } = workbooks;
  const request: Input<'import.preview'> = {
    files: files.map((f) => ({ name: f.name, place: f.path, data: f.bytes.toString('base64') })),
    year: yearOf(values),
    quarter: quarterOf(values),
    jobId: newJobId(),
  };
  if (values['dry-run']) {
    // A dry run leaves no trace: it previews against a copy of the store (or an empty one in memory).
    const { scratchCopy } = await import('../host/dryRun');
    const copy = await scratchCopy(db, atInterrupt);
    let scratch: Session | undefined;
    const cleanUp = () => {
      // Closed before the copy goes: Windows does not delete a file that is still open.
      scratch?.core.close();
      copy.remove();
    };
    // Ctrl+C ends the process without this finally: the copy of the store must not stay in the temp folder.
    const forget = atInterrupt(cleanUp);
    try {
      scratch = await open(copy.path);
      printImport(c, await scratch.call('import.preview', request), null, workbooks);
    } finally {
      forget();
      cleanUp();
    }
    return;
  }
  // Every file is read before the store is opened: an unreadable one stops everything with the store
  // untouched, not even created or migrated. A store of this version is not changed by opening it, so the
  // files are previewed against it directly; a new or older one is tried in memory first. The service keeps
  // what it read and planned for the steps below.
  const { isCurrentStore } = await import('../host/app');
  const direct = isCurrentStore(db);
  const read = direct ? null : await (await open(':memory:')).call('import.preview', request);
  const mismatchOf = (p: ImportPreview) => p.notes.filter((n) => n.code === QUARTER_MISMATCH);
  let session = direct ? await open(db) : null;
  let preview = session ? await session.call('import.preview', request) : read!;
  // A file of another quarter than --quarter is confirmed as restore is: shown, nothing written, exit code 2.
  if (mismatchOf(preview).length > 0 && values['force-quarter'] !== true) {
    // Against the store when there is one: the note then counts the lines equal to the file's own quarter.
    const shown = session || !fs.existsSync(db) ? preview : await (await open(db)).call('import.preview', request);
    warnOnStderr(shown);
    const message = `未导入，数据文件未改动：确认要把文件中的完成情况导入${periodText(shown.year, shown.quarter)}，请加 --force-quarter 再运行一次。`;
    if (values.json) c.json({ dryRun: false, batchId: null, imported: false, needs: '--force-quarter', year: shown.year, quarter: shown.quarter, notes: mismatchOf(shown), columns: columnMapping(shown), files: filesRead(workbooks.found, shown), skipped });
    else c.print(message);
    return 2;
  }
  if (!session) {
    ensureStoreFolder(db);
    session = await open(db);
    preview = await session.call('import.preview', request);
  }
  let batch: ImportBatch;
  try {
    ({ batch } = await session.call('import.apply', request));
  } catch (err) {
    if (err instanceof AppError && err.code === 'locked') throw new AppError('locked', `已拒绝导入，数据文件未改动：${err.message}\n${wouldChange(preview)}`);
    throw err;
  }
  printImport(c, preview, batch, workbooks);
}

async function exportOverview({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  const out = stringOf(values, 'out', '缺少 --out 参数：请指定导出的文件（.xlsx）。');
  if (!/\.xlsx$/i.test(out)) fail(`导出文件应以 .xlsx 结尾：${out}`);
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) fail(`导出文件所在的文件夹不存在：${dir}`);
  const paper = values.paper === undefined ? undefined : String(values.paper).toUpperCase();
  const file = await session.call('export.overview', {
    ...periodOf(values),
    leader: values.leader as string | undefined,
    unit: values.unit as string | undefined,
    behindOnly: values['behind-only'] === true,
    layout: choiceOf(values.layout, ['single', 'two-block'], `版式无效：${String(values.layout)}（可选 single 单栏，two-block 双栏并排）`),
    paperSize: choiceOf(paper, ['A3', 'A4'], `纸张无效：${String(values.paper)}（可选 A3 或 A4）`),
    summary: values['no-summary'] !== true,
  });
  writeOutput(out, Buffer.from(file.data, 'base64'));
  if (values.json) return json({ file: path.resolve(out), targets: file.targets });
  print(`已导出 ${file.targets} 项目标到 ${out}`);
}

async function exportTemplates({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  const outDir = stringOf(values, 'out-dir', '缺少 --out-dir 参数：请指定存放报送模板的文件夹。');
  const by = choiceOf(values.by ?? 'unit', ['unit', 'leader'], `--by 参数无效：${String(values.by)}（应为 unit 按责任单位，或 leader 按市政府领导）`)!;
  const zip = await session.call('export.templates', { ...periodOf(values), by });
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch {
    throw new AppError('io', `无法创建文件夹 ${outDir}：请检查路径和权限。`);
  }
  // The service hands every template over in one zip, as the app saves it; the CLI writes them one by one.
  const { default: JSZip } = await import('jszip');
  const entries = Object.values((await JSZip.loadAsync(Buffer.from(zip.data, 'base64'))).files).filter((e) => !e.dir);
  // Let finish once begun: Ctrl+C half-way would leave some units' templates and say nothing was written.
  await step(
    async () => {
      for (const entry of entries) writeOutput(path.join(outDir, entry.name), await entry.async('nodebuffer'));
    },
    { writes: true },
  );
  if (values.json) return json({ dir: path.resolve(outDir), files: entries.map((e) => e.name) });
  print(`已生成 ${entries.length} 个报送模板到 ${outDir}`);
}

async function backup({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  const out = values.out as string | undefined;
  // A backup to a named file is written beside it and then moved in place: let finish, not left half-way.
  const summary = out ? await step(() => session.core.backupTo(out), { writes: true }) : await session.call('backups.create', {});
  if (values.json) return json(summary);
  print(`已备份并通过完整性检查。\n${backupText(summary)}`);
}

async function restore({ values, args, open, print, json }: Context): Promise<number> {
  const db = requireDb(values);
  if (args.length !== 1) fail('请指定一个备份文件：restore --db 数据文件 备份文件');
  const file = args[0]!;
  // Shown before anything is opened or replaced: what the backup holds.
  const { verifyBackup } = await import('../db/backup');
  const backup = verifyBackup(file);
  if (values.yes !== true) {
    if (values.json) json({ backup, restored: false });
    else print(`${backupText(backup)}\n\n以上是备份中的内容。确认用它替换数据文件 ${db}，请加 --yes 再运行一次（替换前会先备份当前数据）。`);
    return 2;
  }
  if (!values.json) print(backupText(backup));
  ensureStoreFolder(db);
  // A damaged store is set aside intact as the core starts; the restore then replaces nothing of it.
  const session = await open(db);
  const damagedKeptAs = session.core.recovery?.keptAs ?? null;
  const { safety } = await step(() => session.core.restoreFile(file), { writes: true });
  if (values.json) {
    json({ backup, restored: true, safetyBackup: safety?.file ?? null, damagedKeptAs });
    return 0;
  }
  if (damagedKeptAs) print(`当前数据文件已损坏，已原样保存为 ${damagedKeptAs}。`);
  if (safety) print(`已先备份当前数据：${safety.file}`);
  print(`已从备份恢复：${db}`);
  return 0;
}

async function check({ values, args, print, json }: Context): Promise<number> {
  noExtra(args);
  const db = requireDb(values);
  assertStoreExists(db);
  // Read-only, before any core opens the store: a damaged store is reported, not set aside.
  const { checkStore } = await import('../db/integrity');
  const result = checkStore(db);
  if (values.json) json(result.ok ? { ok: true } : { ok: false, kind: result.kind, reason: result.reason });
  if (result.ok) {
    if (!values.json) print(`数据文件完好：${db}`);
    return 0;
  }
  process.stderr.write(`${result.reason}\n`);
  return 1;
}

const publishInput = ({ values }: Context): Input<'quarters.publish'> => ({ ...periodOf(values), publishedOn: (values.date as string | undefined) ?? today() });
const published = (_: unknown, { year, quarter, publishedOn }: Input<'quarters.publish'>) =>
  `已发布并锁定${periodText(year, quarter)}（发布日期 ${publishedOn}）。如确需修改，请先用 unlock 解除锁定并说明理由。`;
const unlockInput = ({ values }: Context): Input<'quarters.unlock'> => ({ ...periodOf(values), reason: stringOf(values, 'reason', '缺少 --reason 参数：请说明解除锁定的理由。') });
const unlocked = (_: unknown, { year, quarter, reason }: Input<'quarters.unlock'>) => `已解除${periodText(year, quarter)}的锁定（理由：${reason}），已记入修改记录。`;

export const COMMANDS: Record<string, Command> = {
  list: {
    usage: [['--db 文件 [--year 年份] [--json]', '列出责任目标（--json 输出机器可读格式）']],
    options: { year: { type: 'string' } },
    store: 'existing',
    run: printed('targets.list', (c) => ({ year: yearOf(c.values) }), targetsText, (targets) => targets.map(toListed)),
  },
  seed: { usage: [['--db 文件 [--json]', '载入示例数据（2023年三季度一览表；数据文件夹不存在时自动创建）']], store: 'create', run: seed },
  import: {
    usage: [
      [
        '文件或文件夹… --db 文件 [--year 年份] [--quarter 季度] [--force-quarter] [--dry-run] [--json]',
        '导入一览表、报送模板或 Word 报送（文件夹：其中所有表格和 .docx，列出读取的文件，其他文件跳过并说明原因；--year、--quarter 以指定的年度、季度为准；文件标题或完成情况列写的是另一季度时，只提示不导入（退出码 2），加 --force-quarter 才导入；导入前先备份；--dry-run 只预览不写入；会改动已发布季度的导入被拒绝；--json 带每列的对应关系；需要注意的问题另写到标准错误）',
      ],
      ['--undo 批次号 --db 文件 [--json]', '撤销一次导入'],
    ],
    options: { ...PERIOD, 'dry-run': { type: 'boolean' }, undo: { type: 'string' }, 'force-quarter': { type: 'boolean' } },
    store: 'none',
    run: importCommand,
  },
  'export overview': {
    usage: [
      [
        '--db 文件 --year 年份 --quarter 季度 --out 文件 [--layout single|two-block] [--paper A3|A4] [--no-summary] [--leader 姓名] [--unit 单位] [--behind-only] [--json]',
        '导出一览表（.xlsx，默认A3横向并附汇总表，可按领导、单位或进度滞后筛选）',
      ],
    ],
    options: { ...PERIOD, out: { type: 'string' }, leader: { type: 'string' }, unit: { type: 'string' }, 'behind-only': { type: 'boolean' }, layout: { type: 'string' }, paper: { type: 'string' }, 'no-summary': { type: 'boolean' } },
    store: 'existing',
    run: exportOverview,
  },
  'export templates': {
    usage: [['--db 文件 --year 年份 --quarter 季度 --out-dir 文件夹 [--by unit|leader] [--json]', '生成季度报送模板（每个责任单位或每位市政府领导一个文件）']],
    options: { ...PERIOD, 'out-dir': { type: 'string' }, by: { type: 'string' } },
    store: 'existing',
    run: exportTemplates,
  },
  backup: { usage: [['--db 文件 [--out 文件] [--json]', '立即备份（SQLite 在线备份并校验；默认存入数据文件旁的“备份”文件夹）']], options: { out: { type: 'string' } }, store: 'existing', run: backup },
  restore: { usage: [['--db 文件 备份文件 [--yes] [--json]', '从备份恢复：先显示备份内容，加 --yes 才替换（替换前先备份当前数据；未加 --yes 时退出码为 2）']], options: { yes: { type: 'boolean' } }, store: 'none', run: restore },
  check: { usage: [['--db 文件 [--json]', '检查数据文件是否完好（损坏时以非零状态退出并说明原因）']], store: 'none', run: check },
  review: {
    usage: [['--db 文件 --year 年份 --quarter 季度 [--json]', '季度调度评估：每项目标的状态、预警灯、判断依据和提示（自报与数据不符等）']],
    options: PERIOD,
    store: 'existing',
    run: printed('review.get', (c) => periodOf(c.values), reviewText, reviewRows),
  },
  'round status': {
    usage: [['--db 文件 --year 年份 --quarter 季度 [--json]', '季度调度报送情况：已报送、未报送（催报名单）、有提示的单位']],
    options: PERIOD,
    store: 'existing',
    run: printed('round.status', (c) => periodOf(c.values), roundText),
  },
  publish: {
    usage: [['--db 文件 --year 年份 --quarter 季度 [--date 发布日期] [--json]', '发布并锁定一个季度（日期默认今天，格式 YYYY-MM-DD）']],
    options: { ...PERIOD, date: { type: 'string' } },
    store: 'existing',
    run: printed('quarters.publish', publishInput, published),
  },
  unlock: {
    usage: [['--db 文件 --year 年份 --quarter 季度 --reason 理由 [--json]', '解除已发布季度的锁定（理由记入修改记录）']],
    options: { ...PERIOD, reason: { type: 'string' } },
    store: 'existing',
    run: printed('quarters.unlock', unlockInput, unlocked),
  },
  ...REPORT_COMMANDS,
  ...BULLETIN_COMMANDS,
  ...ASSESS_COMMANDS,
};
