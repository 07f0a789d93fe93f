/**
 * Import figures for `npm run bench`, as the user runs an import: the built CLI (bin/duchagongzuotai.js →
 * dist/cli/cli.js) importing the file into a fresh store, against exceljs loading the same file and doing
 * nothing else, each in its own process so that peak memory is its own. The CLI's figure is taken beyond its
 * start-up: its time minus the median of `--help` measured the same way in the same run.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { writeOverviewFile } from './overviewFile';
import { percentile, type Stat } from './stats';

interface Sample {
  ms: number;
  maxRssMb: number;
  /** The CLI's --json answer. */
  answer?: unknown;
}

const root = path.resolve(__dirname, '..');
const CLI = path.join(root, 'bin/duchagongzuotai.js');

/**
 * What reading the file alone costs with a library that reads it whole: exceljs, SheetJS for .xls (the
 * importer's own reader of it), mammoth for .docx (the app's Word reader; the importer reads a table's XML).
 */
function baselineLoad(file: string): Sample {
  const script = file.endsWith('.xls') ? 'sheetjsLoad.cjs' : file.endsWith('.docx') ? 'mammothLoad.cjs' : 'exceljsLoad.cjs';
  const r = spawnSync(process.execPath, [path.join(__dirname, script), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${script} 读取失败：${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

/** The baseline's name in the figures. */
export const baselineName = (f: ImportFigures) => (f.fileName.endsWith('.xls') ? 'SheetJS read' : f.fileName.endsWith('.docx') ? 'mammoth convertToHtml' : 'exceljs load');

/** The built CLI with the exit probe preloaded; stdout (the --json answer) is read whole, as a script would. */
function cli(args: string[], dir: string): Sample {
  const out = path.join(dir, 'measure.json');
  const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'measureExit.cjs'), CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, BENCH_MEASURE_OUT: out },
  });
  if (r.status !== 0) throw new Error(`命令行 ${args[0]} 失败：${r.stderr}`);
  const answer: unknown = args.includes('--json') ? JSON.parse(r.stdout) : null;
  return { ...(JSON.parse(fs.readFileSync(out, 'utf8')) as Sample), answer };
}

export interface ImportFigures {
  /** Which program wrote the file, and whether it has merged cells. */
  writer: string;
  targets: number;
  lines: number;
  fileMb: number;
  fileName: string;
  /** Reading the file alone: exceljs, or SheetJS for a .xls (`baselineName`). */
  exceljs: { time: Stat; peakMb: number };
  /** The CLI's import beyond start-up. */
  product: { time: Stat; peakMb: number };
  /** The CLI's start-up (`--help`), taken off the import's time. */
  startMs: number;
}

export type ImportWriter = 'exceljs' | 'LibreOffice' | 'openpyxl' | 'LibreOffice .xls' | 'python-docx .docx';

/** The file as LibreOffice saves it (shared strings, its own styles), or as Excel 97 .xls; null without LibreOffice. */
function resaveWithLibreOffice(file: string, dir: string, as: 'xlsx' | 'xls' = 'xlsx'): string | null {
  try {
    const out = path.join(dir, 'lo');
    const filter = as === 'xls' ? 'xls:MS Excel 97' : 'xlsx:Calc MS Excel 2007 XML';
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', out, file], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    const saved = path.join(out, path.basename(file).replace(/\.xlsx$/, `.${as}`));
    return fs.existsSync(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** The file as openpyxl saves it (inline strings, character references); null without Python's openpyxl. */
function resaveWithOpenpyxl(file: string, dir: string): string | null {
  const saved = path.join(dir, `openpyxl-${path.basename(file)}`);
  try {
    execFileSync('/usr/bin/python3', [path.join(__dirname, 'openpyxlResave.py'), file, saved], { stdio: 'ignore', timeout: 300_000 });
    return fs.existsSync(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** The same rows as one table of a Word document, written by python-docx; null without Python's python-docx. */
async function rewriteAsDocx(file: string, dir: string): Promise<string | null> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from({ length: 7 }, (_, i) => row.getCell(i + 1).text)));
  const [title, ...table] = rows;
  const out = path.join(dir, path.basename(file).replace(/\.xlsx$/, '.docx'));
  try {
    execFileSync('/usr/bin/python3', [path.join(__dirname, 'docxOverview.py')], { input: JSON.stringify({ title: title![0], rows: table, out }), stdio: ['pipe', 'ignore', 'ignore'], timeout: 300_000 });
    return fs.existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

const stat = (values: number[]): Stat => ({ p50: percentile(values, 50), p95: percentile(values, 95) });

/**
 * `merges: false` writes continuation lines with empty cells instead of merged ones and has another program
 * save the file (`writer`): exceljs loads merges in quadratic time, so the merged file alone flatters the
 * importer (issue 13), and the file's writer decides how its XML looks (issue 18: openpyxl's costs most).
 */
export async function measureImport(targets: number, runs = 3, options: { merges?: boolean; writer?: ImportWriter } = {}): Promise<ImportFigures> {
  await buildCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-import-'));
  const written = path.join(dir, `overview-${targets}.xlsx`);
  const { lines } = await writeOverviewFile(written, targets, 3, options);
  const wanted = options.writer ?? 'exceljs';
  const resaved =
    wanted === 'LibreOffice'
      ? resaveWithLibreOffice(written, dir)
      : wanted === 'LibreOffice .xls'
        ? resaveWithLibreOffice(written, dir, 'xls')
        : wanted === 'openpyxl'
          ? resaveWithOpenpyxl(written, dir)
          : wanted === 'python-docx .docx'
            ? await rewriteAsDocx(written, dir)
            : null;
  const file = resaved ?? written;
  const writer = `${options.merges === false ? 'no merges' : 'merged cells'}, written by ${resaved ? wanted : 'exceljs'}`;
  const base: Sample[] = [];
  const ours: Sample[] = [];
  const starts: number[] = [];
  // Alternate them so that a busy moment of the machine hurts all alike.
  for (let i = 0; i < runs; i++) {
    base.push(baselineLoad(file));
    starts.push(cli(['--help'], dir).ms);
    const store = path.join(dir, `store-${i}.sqlite`);
    const sample = cli(['import', '--db', store, '--json', file], dir);
    // A figure of an import that read less than the file holds would flatter it.
    const summary = (sample.answer as { summary: { targetsNew: number; linesNew: number } }).summary;
    if (summary.targetsNew !== targets || summary.linesNew !== lines) throw new Error(`${path.basename(file)}: ${summary.targetsNew} targets / ${summary.linesNew} lines imported, not ${targets} / ${lines}`);
    ours.push(sample);
  }
  const startMs = percentile(starts, 50);
  const figures = {
    writer,
    targets,
    lines,
    fileMb: fs.statSync(file).size / 1e6,
    fileName: path.basename(file),
    exceljs: { time: stat(base.map((s) => s.ms)), peakMb: Math.max(...base.map((x) => x.maxRssMb)) },
    product: { time: stat(ours.map((s) => s.ms - startMs)), peakMb: Math.max(...ours.map((x) => x.maxRssMb)) },
    startMs,
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}

/** Runs the import figures alone (`npx tsx bench/importBench.ts [runs]`): the machine is shared. */
async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const targets = Number(process.env.BENCH_TARGETS ?? 5000);
  for (const options of IMPORT_FILES) {
    const f = await measureImport(targets, runs, options);
    console.log(importLines(f).join('\n'));
  }
}

/**
 * The files of the bench: the merged one, the merge-free one as openpyxl and LibreOffice write it, the
 * merged one as LibreOffice saves it as Excel 97 .xls (what units on older WPS send), and the merge-free
 * rows as one table of a Word document (units answer with .docx reports).
 */
export const IMPORT_FILES: { merges?: boolean; writer?: ImportWriter }[] = [
  {},
  { merges: false, writer: 'openpyxl' },
  { merges: false, writer: 'LibreOffice' },
  { writer: 'LibreOffice .xls' },
  { merges: false, writer: 'python-docx .docx' },
];

/**
 * Issue 18's goals are set against exceljs loading the .xlsx files. A .xls is read by SheetJS inside the
 * import, so its baseline is a part of the import; a .docx has its figure and no goal.
 */
export const importGoals = (f: ImportFigures): { time: string; memory: string } | null =>
  baselineName(f) === 'exceljs load' ? { time: '≤ 1.3× exceljs load', memory: '≤ 1.5×' } : null;

export function importLines(f: ImportFigures): string[] {
  const ratio = f.product.time.p50 / f.exceljs.time.p50;
  const goals = importGoals(f);
  return [
    `import ${f.targets} targets / ${f.lines} lines (${f.fileMb.toFixed(1)} MB, ${f.writer}), CLI beyond start-up (${f.startMs.toFixed(0)} ms): p50 ${f.product.time.p50.toFixed(0)} ms / p95 ${f.product.time.p95.toFixed(0)} ms; ${baselineName(f)} ${f.exceljs.time.p50.toFixed(0)} / ${f.exceljs.time.p95.toFixed(0)} ms: ${ratio.toFixed(2)}× ${baselineName(f)}${goals ? ` (goal ${goals.time})` : ''}`,
    `  peak memory ${f.product.peakMb.toFixed(0)} MB vs ${baselineName(f)} ${f.exceljs.peakMb.toFixed(0)} MB: ${(f.product.peakMb / f.exceljs.peakMb).toFixed(2)}×${goals ? ` (goal ${goals.memory})` : ''}`,
  ];
}

if (require.main === module) void main();
