/**
 * `assess` as a script runs it: the JSON piped into a second process that parses it, and the .xlsx it
 * writes; the scores the same as the service's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { openCore, tempDir, tempStorePath } from '../helpers/store';

const root = path.resolve(__dirname, '../..');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('cli assess', () => {
  it('prints {"base","units":[{"unit","score","rank","events"}]} into a JSON parser and writes the .xlsx', async () => {
    const db = tempStorePath();
    const core = await openCore(db, true);
    const expected = await core.invoke('assessment.get', { year: 2023, asOf: '2024-01-15' });
    core.close();
    const out = path.join(tempDir(), '考核.xlsx');
    const command = [process.execPath, path.join(root, 'bin/duchagongzuotai.js'), 'assess', '--db', db, '--year', '2023', '--as-of', '2024-01-15', '--out', out, '--json'].map(quote).join(' ');
    const parser = `${quote(process.execPath)} -e ${quote("let s='';process.stdin.on('data',(d)=>s+=d);process.stdin.on('end',()=>{const v=JSON.parse(s);console.log(JSON.stringify({base:v.base,units:v.units.map((u)=>[u.unit,u.score,u.rank,u.events.length,u.events.every((e)=>typeof e.points==='number'&&typeof e.reason==='string')])}))})")}`;
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${command} | ${parser}`], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as { base: number; units: [string, number, number, number, boolean][] };
    expect(parsed.base).toBe(100);
    expect(parsed.units).toEqual(expected.units.map((u) => [u.unit, u.score, u.rank, u.events.length, true]));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核结果')!;
    expect(ws.getCell('A1').value).toBe('菏泽市人民政府2023年经济社会发展责任目标落实情况考核结果');
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('C3').value]).toEqual([expected.units[0]!.unit, expected.units[0]!.score, 1]);
  }, 120_000);

  it('prints the ranked list as text, and says what is missing in Chinese', async () => {
    const db = tempStorePath();
    (await openCore(db, true)).close();
    const text = cli('assess', '--db', db, '--year', '2023');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^2023年责任目标落实情况考核（基础分100分，截至\d{4}-\d{2}-\d{2}）/);
    expect(text.stdout).toMatch(/\n\s+1 {2}\S+ {2}100分/);
    const missing = cli('assess', '--db', db);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('缺少 --year 参数');
    const noYear = cli('assess', '--db', db, '--year', '2019');
    expect(noYear.stderr).toContain('还没有2019年的责任目标');
  }, 120_000);
});
