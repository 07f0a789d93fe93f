import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { deflateZip } from '../../electron/excel/deflateZip';

describe('deflateZip', () => {
  it('compresses a stored zip into one every reader takes, entries and bytes unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('一览表');
    for (let i = 1; i <= 300; i++) ws.addRow([i, `第${i}项：推进重点项目建设，完成年度投资的${i % 100}%`, '市发展改革委']);
    const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
    const packed = await deflateZip(stored);
    expect(packed.length).toBeLessThan(stored.length / 2);

    const before = await JSZip.loadAsync(stored);
    const after = await JSZip.loadAsync(packed, { checkCRC32: true });
    expect(Object.keys(after.files)).toEqual(Object.keys(before.files));
    for (const name of Object.keys(before.files)) {
      if (before.files[name]!.dir) continue;
      expect(await after.file(name)!.async('nodebuffer')).toEqual(await before.file(name)!.async('nodebuffer'));
    }

    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(packed as unknown as ArrayBuffer);
    expect(reread.getWorksheet('一览表')!.getCell('B300').value).toBe('第300项：推进重点项目建设，完成年度投资的0%');

    // Info-ZIP's own integrity test (CRC of every entry) as a third, independent reader.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deflate-zip-')), 'packed.xlsx');
    fs.writeFileSync(file, packed);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });

  it('refuses a zip that is already compressed', async () => {
    const zip = new JSZip().file('a.txt', 'x'.repeat(1000));
    const deflated = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(deflateZip(deflated)).rejects.toThrow(/stored zip/);
  });
});
