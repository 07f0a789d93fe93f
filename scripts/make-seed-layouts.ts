/**
 * npx tsx scripts/make-seed-layouts.ts: writes the seed's 39 targets in the layouts of scripts/seedLayouts.ts
 * into tests/fixtures/seed-layouts/ (tests/import/seed-layouts.test.ts reads them back). The targets are the
 * seed workbook as the service imports it. Files marked in the README went through LibreOffice: re-saved
 * from exceljs, or converted from a CSV (a file written by another program, no styles, no merges).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../electron/host/app';
import { loadTargets } from '../electron/db/repos/targets';
import { toListed } from '../electron/services/listJson';
import { newBook, SEED_LAYOUTS, toCsv } from './seedLayouts';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'tests/fixtures/seed-layouts');

function soffice(profile: string, args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-layouts-'));
  const core = await startCore({ storePath: path.join(work, 'store.sqlite') });
  const seed = fs.readFileSync(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx'));
  const result = await core.call('import.apply', { files: [{ name: '2023-三季度-一览表.xlsx', data: seed.toString('base64') }] });
  if (!result.ok) throw new Error(result.error.message);
  const plan = core.db.prepare('SELECT id FROM plans WHERE year = 2023').get() as { id: number };
  const targets = loadTargets(core.db, { planId: plan.id }).map(toListed);
  core.close();

  fs.mkdirSync(OUT, { recursive: true });
  const profile = path.join(work, 'lo-profile');
  const viaOffice: string[] = [];
  const viaCsv: string[] = [];
  for (const layout of SEED_LAYOUTS) {
    if (layout.via === 'csv') {
      const csv = path.join(work, layout.file.replace(/\.xlsx$/, '.csv'));
      fs.writeFileSync(csv, toCsv(layout.csv!(targets)));
      viaCsv.push(csv);
      continue;
    }
    const wb = newBook();
    layout.build!(wb, targets);
    const file = layout.via === 'libreoffice' ? path.join(work, layout.file) : path.join(OUT, layout.file);
    await wb.xlsx.writeFile(file);
    if (layout.via === 'libreoffice') viaOffice.push(file);
  }
  if (viaOffice.length > 0) soffice(profile, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'lo'), ...viaOffice]);
  // 44,34,76: comma, double quote, UTF-8.
  if (viaCsv.length > 0) soffice(profile, ['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'lo'), ...viaCsv]);
  for (const f of [...viaOffice, ...viaCsv]) {
    const name = path.basename(f).replace(/\.csv$/, '.xlsx');
    fs.copyFileSync(path.join(work, 'lo', name), path.join(OUT, name));
  }
  fs.rmSync(work, { recursive: true, force: true });

  const readme = [
    '# 种子数据的多种版式',
    '',
    '由 `npx tsx scripts/make-seed-layouts.ts` 生成，请勿手工修改：种子一览表（seeds/2023-三季度-一览表.xlsx）的39项目标，按各地不同的表格版式写出；`tests/import/seed-layouts.test.ts` 要求每个文件导入后 `list --json` 与种子完全相同。◆ 由 LibreOffice 重新保存，● 由 LibreOffice 从 CSV 转换。',
    '',
    '| 文件 | 版式 |',
    '|---|---|',
    ...SEED_LAYOUTS.map((l) => `| \`${l.file}\`${l.via === 'libreoffice' ? ' ◆' : l.via === 'csv' ? ' ●' : ''} | ${l.exercises.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(OUT, 'README.md'), readme);
  for (const l of SEED_LAYOUTS) console.log(`${l.file.padEnd(40)} ${fs.statSync(path.join(OUT, l.file)).size} 字节`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
