/**
 * A dropped folder of returns as it arrives on a USB stick: hundreds of files, Word and PDF files mixed in,
 * Excel's lock files, nested folders. Walked on a real temp folder through the desktop's adapter.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distinctNames, expandDropped, MAX_IMPORT_FILES, skippedSummary, type TreeEntry } from '../../shared/dropped';
import { expandPaths, readDroppedPaths } from '../../electron/droppedFiles';
import { tempDir } from '../helpers/store';

function write(file: string, content = 'x'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

describe('a dropped folder on disk', () => {
  it('lists the workbooks of every nested folder and names the rest with the reason', async () => {
    const root = path.join(tempDir('ducha-drop-'), '三季度报送');
    for (let i = 1; i <= 240; i++) write(path.join(root, '市直部门', `单位${i}.xlsx`));
    for (let i = 1; i <= 20; i++) write(path.join(root, '县区', `县区${i}`, `报送${i}.xlsx`));
    write(path.join(root, '县区', '县区1', '说明.docx'));
    write(path.join(root, '~$单位1.xlsx'));
    write(path.join(root, '.DS_Store'));
    write(path.join(root, '汇总.pdf'));
    write(path.join(root, '老格式.XLS'));
    write(path.join(root, '现场照片.JPG'));
    write(path.join(root, '旧版报告.doc'));
    write(path.join(root, '单县.ods'));
    write(path.join(root, '曹县.et'));
    const alone = path.join(path.dirname(root), '一览表.xlsx');
    write(alone);

    const { workbooks, skipped } = await expandPaths([root, alone]);
    expect(workbooks).toHaveLength(240 + 20 + 1 + 3 + 1);
    expect(workbooks.map((w) => w.path)).toContain('三季度报送/县区/县区7/报送7.xlsx');
    expect(workbooks.map((w) => w.path)).toContain('三季度报送/老格式.XLS');
    expect(workbooks.at(-1)).toEqual({ path: '一览表.xlsx', name: '一览表.xlsx', file: alone, readAs: 'sheet' });
    expect(workbooks.find((w) => w.name === '说明.docx')?.readAs).toBe('word');
    expect(workbooks.map((w) => w.name)).toEqual(expect.arrayContaining(['单县.ods', '曹县.et']));
    // Natural order: 单位2 before 单位10, as the folder shows them.
    const units = workbooks.filter((w) => w.path.includes('市直部门')).map((w) => w.name);
    expect(units.indexOf('单位2.xlsx')).toBeLessThan(units.indexOf('单位10.xlsx'));
    expect(skipped).toEqual(
      expect.arrayContaining([
        { path: '三季度报送/~$单位1.xlsx', reason: 'Office 临时文件' },
        { path: '三季度报送/.DS_Store', reason: '隐藏文件' },
        { path: '三季度报送/汇总.pdf', reason: 'PDF 无法导入，请让单位报送 Excel 或 Word' },
        { path: '三季度报送/现场照片.JPG', reason: '图片，不是表格' },
        { path: '三季度报送/旧版报告.doc', reason: '.doc 请另存为 .docx' },
      ]),
    );
    expect(skipped).toHaveLength(5);
    expect(skippedSummary(skipped, 2)).toMatch(/^已跳过 5 项：.*（.*）、.*（.*） 等$/);
  });

  it('reads the bytes of the workbooks only', async () => {
    const root = tempDir('ducha-drop-');
    write(path.join(root, 'a.xlsx'), 'AAA');
    write(path.join(root, 'b.txt'), 'BBB');
    const read = await readDroppedPaths([root]);
    expect(read.files).toEqual([{ name: 'a.xlsx', path: `${path.basename(root)}/a.xlsx`, readAs: 'sheet', data: Buffer.from('AAA').toString('base64') }]);
    expect(read.skipped.map((s) => s.path)).toEqual([`${path.basename(root)}/b.txt`]);
  });

  it('names a path that is gone instead of failing the drop', async () => {
    const gone = path.join(tempDir('ducha-drop-'), '已拔出的U盘.xlsx');
    expect(await expandPaths([gone])).toEqual({ workbooks: [], skipped: [{ path: '已拔出的U盘.xlsx', reason: '无法读取' }] });
  });

  it('takes at most one import\'s worth and names the rest', async () => {
    const root = tempDir('ducha-drop-');
    for (let i = 0; i < MAX_IMPORT_FILES + 5; i++) write(path.join(root, `${String(i).padStart(3, '0')}.xlsx`));
    const { workbooks, skipped } = await expandPaths([root]);
    expect(workbooks).toHaveLength(MAX_IMPORT_FILES);
    expect(skipped).toHaveLength(5);
    expect(skipped[0]!.reason).toBe(`一次最多导入 ${MAX_IMPORT_FILES} 个文件`);
  });
});

describe('the walk itself', () => {
  it('stops at a folder nested too deep (a link loop) and names an unreadable folder', async () => {
    const loop: TreeEntry<string> = { name: 'loop', kind: 'dir', children: async () => [loop] };
    const locked: TreeEntry<string> = { name: '无权限', kind: 'dir', children: () => Promise.reject(new Error('EACCES')) };
    const { workbooks, skipped } = await expandDropped([loop, locked]);
    expect(workbooks).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(['文件夹层级超过 8 层，未读取', '无法读取文件夹（没有权限？）']);
  });
});

describe('distinctNames', () => {
  it('keeps a file its own name, names same-named files by where they sit, and numbers what is still alike', async () => {
    expect(distinctNames([{ name: '财政局.xlsx', place: '二季度/财政局.xlsx' }, { name: '附件1.xlsx' }])).toEqual(['财政局.xlsx', '附件1.xlsx']);
    expect(
      distinctNames([
        { name: '附件1.xlsx', place: '财政局/附件1.xlsx' },
        { name: '附件1.xlsx', place: '教育局\\附件1.xlsx' },
        { name: '附件1.xlsx', place: '财政局/附件1.xlsx' },
        { name: '附件1.xlsx' },
        { name: '附件2.xlsx', place: '财政局/附件2.xlsx' },
      ]),
    ).toEqual(['财政局/附件1.xlsx', '教育局/附件1.xlsx', '财政局/附件1.xlsx（2）', '附件1.xlsx', '附件2.xlsx']);
    // Read from a real folder through the desktop's adapter: two units' 附件1.xlsx.
    const dir = tempDir();
    write(path.join(dir, '财政局', '附件1.xlsx'));
    write(path.join(dir, '教育局', '附件1.xlsx'));
    const { files } = await readDroppedPaths([dir]);
    expect(new Set(distinctNames(files.map((f) => ({ name: f.name, place: f.path }))))).toEqual(new Set([`${path.basename(dir)}/财政局/附件1.xlsx`, `${path.basename(dir)}/教育局/附件1.xlsx`]));
  });
});
