/**
 * Files that are not what they claim, or hold nothing to import: the call fails with a Chinese message
 * naming the file, and the store is byte-for-byte as it was — also when the bad file comes with good ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile } from '../../shared/contract';
import { expectChinese, fixture, listed, openCore, storeFingerprint, tableCounts, type Core } from './helpers';

const BAD: [string, RegExp][] = [
  ['csv-renamed.xlsx', /不是 Excel 工作簿，而是文本或 CSV 文件/],
  ['empty.xlsx', /是空文件（0 字节）/],
  ['truncated.xlsx', /已损坏或不完整/],
  ['password-protected.xlsx', /设置了打开密码.*Excel\/WPS.*另存为 \.xlsx/],
  ['password-protected.docx', /设置了打开密码.*Word\/WPS.*另存为 \.docx/],
  ['password-protected.xls', /设置了打开密码/],
  ['no-header.xlsx', /未找到.*表头/],
  ['header-only.xlsx', /没有读到任何责任目标/],
];

let core: Core;

beforeAll(async () => {
  // A store with data in it, so that "unchanged" means something.
  core = await openCore();
  await core.invoke('import.apply', { files: [fixture('published-merged.xlsx')] });
  return () => core.close();
});

describe('bad files', () => {
  it.each(BAD)('%s: refused with a Chinese message naming the file; the store is unchanged', async (file, message) => {
    const before = { bytes: storeFingerprint(core), counts: tableCounts(core), list: listed(core) };
    for (const method of ['import.preview', 'import.apply'] as const) {
      const result = await core.call(method, { files: [fixture(file)] });
      expect(result.ok, `${method} ${file}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('validation');
      expect(result.error.message).toMatch(message);
      expect(result.error.message).toContain(`“${file}”`);
      expectChinese(result.error.message);
      expect(result.error.where).toMatchObject({ file });
    }
    expect(tableCounts(core)).toEqual(before.counts);
    expect(listed(core)).toEqual(before.list);
    expect(storeFingerprint(core)).toBe(before.bytes);
  });

  it('a password-protected Word return is refused in Word\'s words, a workbook in Excel\'s', async () => {
    const message = async (file: ImportFile) => {
      const result = await core.call('import.preview', { files: [file] });
      return result.ok ? '' : result.error.message;
    };
    const docx = await message(fixture('password-protected.docx'));
    expect(docx).toBe('文件“password-protected.docx”设置了打开密码，无法读取。请在 Word/WPS 中取消密码（文件 › 信息 › 保护文档）后另存为 .docx 再导入。');
    expect(docx).not.toMatch(/Excel|工作簿|\.xlsx/);
    // An encrypted package hides what it holds: the same bytes named .xlsx are taken for a workbook.
    expect(await message({ ...fixture('password-protected.docx'), name: '三季度.xlsx' })).toMatch(/“三季度\.xlsx”设置了打开密码.*Excel\/WPS.*另存为 \.xlsx/);
    expect(await message(fixture('password-protected.xlsx'))).not.toMatch(/Word|\.docx/);
  });

  it('password-protected.xls (BIFF with FILEPASS) is refused for its password, not as a damaged file', async () => {
    const result = await core.call('import.apply', { files: [fixture('published-merged.xlsx'), fixture('password-protected.xls')] });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', where: { file: 'password-protected.xls' } } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/^文件“password-protected\.xls”设置了打开密码，无法读取。请在 Excel\/WPS 中取消密码/);
    expect(result.error.message).not.toMatch(/损坏|不完整|无法作为/);
  });

  it('legacy-xls-renamed.xlsx (a .xls renamed) is told by its bytes and reads as the workbook it was saved from', async () => {
    const fresh = await openCore();
    try {
      await fresh.invoke('import.apply', { files: [fixture('legacy-xls-renamed.xlsx')] });
      expect(listed(fresh)).toEqual(listed(core));
    } finally {
      fresh.close();
    }
  });

  it('no-header.xlsx names the sheet it searched', async () => {
    const result = await core.call('import.preview', { files: [fixture('no-header.xlsx')] });
    expect(!result.ok && result.error.where).toEqual({ file: 'no-header.xlsx', sheet: '签到表' });
  });

  it('one unreadable file among good ones stops the whole import before anything is written', async () => {
    const before = { bytes: storeFingerprint(core), counts: tableCounts(core) };
    const files = [fixture('conflict-serial5.xlsx'), fixture('truncated.xlsx'), fixture('grouped-by-leader.xlsx')];
    const result = await core.call('import.apply', { files });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', where: { file: 'truncated.xlsx' } } });
    expect(tableCounts(core)).toEqual(before.counts);
    expect(storeFingerprint(core)).toBe(before.bytes);
  });

  it('a file whose name says nothing is still checked by its bytes (a CSV called 三季度.xlsx)', async () => {
    const result = await core.call('import.preview', { files: [{ ...fixture('csv-renamed.xlsx'), name: '三季度.xlsx' }] });
    expect(result).toMatchObject({ ok: false, error: { where: { file: '三季度.xlsx' } } });
  });

  it('files of different quarters in one import are refused, in Chinese', async () => {
    const before = storeFingerprint(core);
    const result = await core.call('import.apply', { files: [fixture('published-merged.xlsx'), fixture('messy-cells.xlsx')] });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/季度不一致/) } });
    expect(storeFingerprint(core)).toBe(before);
  });
});
