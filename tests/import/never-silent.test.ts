/**
 * Never a silent column, on every host: a needed field left empty while a column with values was ignored is
 * said at the top of the preview and on the CLI's stderr; `import --json` carries every column's mapping
 * (piped into a JSON parser in a child process, as a script would read it); a file of another quarter than
 * --quarter is not imported without --force-quarter.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, tempStorePath } from '../helpers/store';
import { cli, expectNotesChinese, fileHash, fixturePath, openCore, ROOT } from './helpers';

/**
 * A ledger (台账) from another office: no leaders column the reader knows, and a 经办科室 column of
 * values that are neither names nor units, which the reader leaves out.
 */
async function ledger(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['某市人民政府2024年经济社会发展责任目标二季度工作推进情况一览表']);
  ws.addRow(['序号', '经办科室', '责任目标内容', '完成时限', '二季度完成情况', '是否按计划完成进度', '责任单位']);
  ws.addRow([1, '一科', '一般公共预算收入增长5%', '年底', '上半年增长4.1%', '是', '市财政局']);
  ws.addRow([2, '二科', '新增规上企业100家', '年底', '新增42家', '否', '市发展改革委']);
  ws.addRow([3, '一科', '新建城乡书房10处', '年底', '已选址6处', '是', '市文化和旅游局']);
  const file = path.join(dir, '台账.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const previewOf = async (file: string, extra: Record<string, unknown> = {}) => {
  const core = await openCore();
  const p = await core.invoke('import.preview', { files: [{ name: path.basename(file), data: fs.readFileSync(file).toString('base64') }], ...extra });
  core.close();
  return p;
};

describe('a needed field left empty while a column with values was ignored', () => {
  it('is the first note of the preview, naming the field, the count and the ignored column', async () => {
    const p = await previewOf(await ledger(tempDir()));
    const top = p.notes.filter((n) => n.code === 'field-empty');
    expect(top).toHaveLength(1);
    expect(p.notes[0]).toBe(top[0]);
    expect(top[0]).toMatchObject({ severity: 'warning', where: { file: '台账.xlsx', sheet: 'Sheet1', row: 2, column: 'B' } });
    expect(top[0]!.message).toContain('3 条分工中有 3 条没有读到“市政府领导”，而B列“经办科室”有内容但未识别、已忽略');
    expectNotesChinese(top);
  });

  it('is not raised once the user sets the column aside, nor for a table whose columns are all read', async () => {
    const file = await ledger(tempDir());
    const setAside = await previewOf(file, { mapping: { '台账.xlsx': { B: 'ignore' } } });
    expect(setAside.notes.filter((n) => n.code === 'field-empty')).toEqual([]);
    const seed = await previewOf(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx'));
    expect(seed.notes.filter((n) => n.code === 'field-empty' || n.code === 'quarter-mismatch')).toEqual([]);
  });
});

describe('cli import --json: the column mapping, and the warnings on stderr', () => {
  it('pipes into a JSON parser with every column, what it was taken as and why; the warning goes to stderr', async () => {
    const dir = tempDir();
    const file = await ledger(dir);
    const db = tempStorePath();
    const bin = path.join(ROOT, 'bin/duchagongzuotai.js');
    // As a script runs it: stdout into a JSON parser in another process, stderr kept apart.
    const parse = `import json,sys
d=json.load(sys.stdin)
sheet=d["columns"][0]["sheets"][0]
print(json.dumps({"file":d["columns"][0]["file"],"columns":[[c["column"],c["header"],c["takenAs"],c["why"]] for c in sheet["columns"]],"ignored":[c["column"] for c in sheet["ignored"]]},ensure_ascii=False))`;
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" import "${file}" --db "${db}" --dry-run --json 2>"${dir}/err.txt" | python3 -c '${parse}'`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file: '台账.xlsx',
      columns: [
        ['A', '序号', 'serial', 'header'],
        ['B', '经办科室', null, null],
        ['C', '责任目标内容', 'content', 'header'],
        ['D', '完成时限', 'deadline', 'header'],
        ['E', '二季度完成情况', 'progress', 'header'],
        ['F', '是否按计划完成进度', 'onSchedule', 'header'],
        ['G', '责任单位', 'units', 'header'],
      ],
      ignored: ['B'],
    });
    expect(fs.readFileSync(path.join(dir, 'err.txt'), 'utf8')).toMatch(/^警告：文件“台账\.xlsx”工作表“Sheet1”：3 条分工中有 3 条没有读到“市政府领导”.*（台账\.xlsx › Sheet1 › 第2行 › B列）\n$/);
  });

  it('text mode writes the same warning to stderr, not among the lines of stdout', async () => {
    const file = await ledger(tempDir());
    const r = cli('import', file, '--db', tempStorePath());
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('没有读到“市政府领导”');
    expect(r.stdout).not.toContain('没有读到');
    expect(r.stdout).toContain('已导入');
  });

  it('a correction remembered for the shape is said as "remembered" in the mapping', async () => {
    const file = await ledger(tempDir());
    const db = tempStorePath();
    const core = await openCore(db);
    const data = { name: '台账.xlsx', data: fs.readFileSync(file).toString('base64') };
    const sheet = (await core.invoke('import.preview', { files: [data] })).files[0]!.sheets[0]!;
    await core.invoke('import.rememberMapping', { signature: sheet.signature, mapping: { B: 'ignore' } });
    core.close();
    const r = cli('import', file, '--db', db, '--dry-run', '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { columns: { sheets: { columns: { column: string; takenAs: string | null; why: string | null }[] }[] }[] };
    expect(out.columns[0]!.sheets[0]!.columns.find((c) => c.column === 'B')).toMatchObject({ takenAs: null, why: 'remembered' });
  });
});

describe('cli import of a file into another quarter than its own', () => {
  it('without --force-quarter: the warning on stderr, exit code 2, the store untouched; with it, imported', () => {
    const db = tempStorePath();
    expect(cli('import', fixturePath('published-merged.xlsx'), '--db', db).status).toBe(0);
    const before = fileHash(db);
    const refused = cli('import', fixturePath('published-merged.xlsx'), '--db', db, '--quarter', '3');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^警告：文件“published-merged\.xlsx”的完成情况列是“二季度完成情况”，是二季度的表，本次却要导入三季度.*其中 8 条完成情况与库中二季度的完全相同/);
    expect(refused.stdout).toContain('请加 --force-quarter 再运行一次');
    expect(fileHash(db)).toBe(before);

    const json = cli('import', fixturePath('published-merged.xlsx'), '--db', db, '--quarter', '3', '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ imported: false, needs: '--force-quarter', quarter: 3, notes: [{ code: 'quarter-mismatch' }] });
    expect(fileHash(db)).toBe(before);

    // A dry run only previews: warned, exit 0.
    const dry = cli('import', fixturePath('published-merged.xlsx'), '--db', db, '--quarter', '3', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain('本次却要导入三季度');

    const forced = cli('import', fixturePath('published-merged.xlsx'), '--db', db, '--quarter', '3', '--force-quarter', '--json');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('本次却要导入三季度');
    expect(JSON.parse(forced.stdout)).toMatchObject({ dryRun: false, quarter: 3, summary: { targetsUpdated: 7 } });
  });
});
