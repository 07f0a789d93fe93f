/**
 * One import measurement in its own process, so that peak memory (maxRSS) belongs to that step alone.
 * Modes: `exceljs` loads the workbook with exceljs and nothing else (the baseline); `import` runs the
 * product's preview and then its apply into a fresh store. Prints JSON: { ms, maxRssMb }.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../electron/host/app';
import { readWorkbookFile } from '../electron/excel/sniff';
import { applyImport, previewImport } from '../electron/services/import';

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  if (mode === 'exceljs') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-import-bench-'));
    const core = await startCore({ storePath: path.join(dir, 'store.sqlite') });
    const ctx = { db: core.db, storePath: core.storePath };
    const wb = readWorkbookFile(file!);
    // As the import screen does it: a preview, then the apply (which reads the file again).
    await previewImport(ctx, [wb], {});
    await applyImport(ctx, [wb], {});
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
