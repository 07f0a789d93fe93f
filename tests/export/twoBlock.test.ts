import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportOverview } from '../../electron/services/export';
import { applyImport } from '../../electron/services/import';
import path from 'node:path';
import { openCore, tempDir, tempStorePath } from '../helpers/store';
import { cli } from '../helpers/cli';
import { listed } from '../import/helpers';

describe('two blocks side by side', () => {
  it('prints the header twice, splits targets without splitting one, and imports back to the same store', async () => {
    const source = await openCore(undefined, true);
    const bytes = await exportOverview({ db: source.db, storePath: source.storePath }, { year: 2023, quarter: 3, layout: 'two-block' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toHaveLength(14);
    expect(header.slice(7)).toEqual(header.slice(0, 7));
    // 40 lines over two blocks: 20 rows, and target 26's two lines stay in one block.
    expect(ws.rowCount).toBe(3 + 20);
    expect(ws.pageSetup.printArea).toBe('A1:N23');

    const copy = await openCore();
    await applyImport({ db: copy.db, storePath: copy.storePath }, [{ name: '双栏.xlsx', bytes }], {});
    expect(listed(copy)).toEqual(listed(source));
  });

  it('is offered to the renderer as a named file', async () => {
    const core = await openCore(undefined, true);
    const r = await core.invoke('export.overview', { year: 2023, quarter: 3, layout: 'two-block', leader: '肖友华' });
    expect(r.fileName).toBe('菏泽市2023年三季度责任目标工作推进情况一览表（肖友华）（示例数据）.xlsx');
    expect(r.targets).toBe(3);
    expect(Buffer.from(r.data, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(await core.call('export.overview', { year: 2023, quarter: 3, layout: 'three' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('export overview --layout on the command line', () => {
  it('writes the two-block table, and refuses an unknown layout in Chinese', async () => {
    const db = tempStorePath();
    expect(cli('seed', '--db', db).status).toBe(0);
    const out = path.join(tempDir(), '双栏.xlsx');
    const ok = cli('export', 'overview', '--db', db, '--year', '2023', '--quarter', '3', '--layout', 'two-block', '--out', out);
    expect(ok.stderr).toBe('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.getRow(3).cellCount).toBe(14);
    const bad = cli('export', 'overview', '--db', db, '--year', '2023', '--quarter', '3', '--layout', 'three', '--out', out);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/版式无效/);
  });
});
