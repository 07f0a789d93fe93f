/**
 * Import figures for `npm run bench`: the product's preview + apply of an overview file against exceljs
 * loading the same file and doing nothing else, each in its own process so that peak memory is its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeOverviewFile } from './overviewFile';
import { percentile, type Stat } from './stats';

interface Sample {
  ms: number;
  maxRssMb: number;
}

function runChild(mode: string, file: string): Sample {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'importChild.ts'), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} 失败：${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

export interface ImportFigures {
  /** Which program wrote the file: a merge-free table re-saved by LibreOffice is what other offices send. */
  writer: string;
  targets: number;
  lines: number;
  fileMb: number;
  exceljs: { time: Stat; peakMb: number };
  product: { time: Stat; peakMb: number };
}

/** The file as LibreOffice saves it (another program's XML: shared strings, its own styles); null without LibreOffice. */
function resaveWithLibreOffice(file: string, dir: string): string | null {
  try {
    const out = path.join(dir, 'lo');
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, file], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    const saved = path.join(out, path.basename(file));
    return fs.existsSync(saved) ? saved : null;
  } catch {
    return null;
  }
}

/**
 * `merges: false` writes continuation lines with empty cells instead of merged ones and has LibreOffice save
 * the file: exceljs loads merges in quadratic time, so the merged file alone flatters the importer (issue 13).
 */
export async function measureImport(targets: number, runs = 3, options: { merges?: boolean } = {}): Promise<ImportFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-import-'));
  const written = path.join(dir, `overview-${targets}.xlsx`);
  const { lines } = await writeOverviewFile(written, targets, 3, options);
  const resaved = options.merges === false ? resaveWithLibreOffice(written, dir) : null;
  const file = resaved ?? written;
  const writer = `${options.merges === false ? 'no merges' : 'merged cells'}, written by ${resaved ? 'LibreOffice' : 'exceljs'}`;
  const base: Sample[] = [];
  const ours: Sample[] = [];
  // Alternate the two so that a busy moment of the machine hurts both alike.
  for (let i = 0; i < runs; i++) {
    base.push(runChild('exceljs', file));
    ours.push(runChild('import', file));
  }
  const stat = (s: Sample[]): Stat => ({ p50: percentile(s.map((x) => x.ms), 50), p95: percentile(s.map((x) => x.ms), 95) });
  const figures = {
    writer,
    targets,
    lines,
    fileMb: fs.statSync(file).size / 1e6,
    exceljs: { time: stat(base), peakMb: Math.max(...base.map((x) => x.maxRssMb)) },
    product: { time: stat(ours), peakMb: Math.max(...ours.map((x) => x.maxRssMb)) },
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}
