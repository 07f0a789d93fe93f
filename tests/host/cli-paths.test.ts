/**
 * --db in a folder that is not there, or below a file: commands that create data create the folder, the
 * others say 数据文件不存在, and no Node error text (ENOENT, ENOTDIR…) reaches the user. Also what the CLI
 * gets from going through the core like the other hosts: the backup before an import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir, tempStorePath } from '../helpers/store';
import { fixturePath } from '../import/helpers';

/** Nothing a programmer would write: errno codes, Node's English, stack frames. */
function expectNoRawError(r: { stdout: string; stderr: string }): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toMatch(/\bE(NOENT|NOTDIR|ISDIR|ACCES|PERM|BUSY|EXIST|ROFS|NOSPC)\b/);
    expect(text).not.toMatch(/errno|no such file|not a directory|permission denied|\bat .+:\d+:\d+\)|内部错误/i);
  }
}

/** A path two folders below a temp folder that does not have them. */
const missingFolderStore = () => path.join(tempDir(), '不存在的 文件夹', '子文件夹', 'store.sqlite');

/** A path whose parent is a file: no system lets that folder be created. */
function belowAFile(): string {
  const file = path.join(tempDir(), 'a-file');
  fs.writeFileSync(file, 'x');
  return path.join(file, 'store.sqlite');
}

const NEEDS_DATA: [string, string[]][] = [
  ['list', ['list']],
  ['check', ['check']],
  ['review', ['review', '--year', '2023', '--quarter', '3']],
  ['round status', ['round', 'status', '--year', '2023', '--quarter', '3']],
  ['export overview', ['export', 'overview', '--year', '2023', '--quarter', '3', '--out', path.join(tempDir(), 'x.xlsx')]],
  ['export templates', ['export', 'templates', '--year', '2023', '--quarter', '3', '--out-dir', tempDir()]],
  ['backup', ['backup']],
  ['publish', ['publish', '--year', '2023', '--quarter', '3']],
  ['unlock', ['unlock', '--year', '2023', '--quarter', '3', '--reason', '测试理由']],
  ['import --undo', ['import', '--undo', '20240101000000-abcdef']],
];

describe('cli --db where there is no store', () => {
  it.each(NEEDS_DATA)('%s says 数据文件不存在 for a missing folder and below a file, creating nothing', (_, args) => {
    for (const db of [missingFolderStore(), belowAFile()]) {
      const r = cli(...args, '--db', db);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toBe(`数据文件不存在：${db}`);
      expectNoRawError(r);
      expect(fs.existsSync(path.dirname(db))).toBe(path.basename(path.dirname(db)) === 'a-file');
    }
  });

  it('seed creates the missing folders; below a file it says why in Chinese', () => {
    const db = missingFolderStore();
    const r = cli('seed', '--db', db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
    expect(cli('check', '--db', db)).toMatchObject({ status: 0 });

    const bad = belowAFile();
    const refused = cli('seed', '--db', bad);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.trim()).toBe(`无法创建数据文件夹 ${path.dirname(bad)}：路径中有一部分是文件，不是文件夹。`);
    expectNoRawError(refused);
  });

  it('import creates the folder of a new store; below a file it refuses in Chinese', () => {
    const db = missingFolderStore();
    const r = cli('import', fixturePath('published-merged.xlsx'), '--db', db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(cli('list', '--db', db, '--json').stdout)).toHaveLength(7);

    const refused = cli('import', fixturePath('published-merged.xlsx'), '--db', belowAFile());
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/^无法创建数据文件夹 .*：路径中有一部分是文件，不是文件夹。/);
    expectNoRawError(refused);
  });

  it('files that are not there: an import, a restore, a backup --out into a missing folder', () => {
    const db = tempStorePath();
    expect(cli('seed', '--db', db).status).toBe(0);
    const cases = [
      [['import', path.join(tempDir(), '没有这个文件.xlsx'), '--db', db], /找不到文件“没有这个文件\.xlsx”/],
      [['restore', '--db', db, path.join(tempDir(), 'nope.sqlite')], /找不到备份文件/],
      [['backup', '--db', db, '--out', path.join(tempDir(), 'missing', 'b.sqlite')], /无法在 .* 中写入备份：文件夹不存在或没有写入权限/],
      [['export', 'overview', '--db', db, '--year', '2023', '--quarter', '3', '--out', path.join(belowAFile(), 'x.xlsx')], /导出文件所在的文件夹不存在/],
      [['list', '--db', tempDir()], /数据文件路径是一个文件夹/],
    ] as const;
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expectNoRawError(r);
    }
  });
});

describe('cli options', () => {
  it.each([
    [['list', '--db'], /^参数有误：选项 --db 缺少取值（list 的选项见 duchagongzuotai list --help）$/],
    [['list', '--bogus', '--db', 'x'], /^参数有误：未知的选项 --bogus（list 的选项见 duchagongzuotai list --help）$/],
    [['list', '--json=yes', '--db', 'x'], /^参数有误：选项 --json 不需要取值（list 的选项见 duchagongzuotai list --help）$/],
    [['export'], /^请指定要执行的export命令：export overview，export templates$/],
    [['export', 'pdf'], /^未知的export命令：pdf（可用：overview、templates）$/],
  ])('%j fails with a Chinese message and nothing of Node’s', (args, message) => {
    const r = cli(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toMatch(message);
    expectNoRawError(r);
  });

  it('--help of a command prints its usage', () => {
    const r = cli('unlock', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^用法：duchagongzuotai unlock --db 文件 --year 年份 --quarter 季度 --reason 理由/);
  });
});

describe('cli through the core', () => {
  it('requests are validated by the contract, as from the other hosts', () => {
    const db = tempStorePath();
    expect(cli('seed', '--db', db).status).toBe(0);
    // The contract's rule and wording: the service itself would have answered 尚未发布.
    const r = cli('unlock', '--db', db, '--year', '2023', '--quarter', '3', '--reason', '改');
    expect(r.status).not.toBe(0);
    // Named in Chinese by the contract's own message, never by its internal field name.
    expect(r.stderr.trim()).toBe('请说明解除锁定的理由');
  });

  it('an import into an existing store takes a verified backup first, as in the app', () => {
    const db = tempStorePath();
    expect(cli('seed', '--db', db).status).toBe(0);
    const backups = () => (fs.existsSync(path.join(path.dirname(db), '备份')) ? fs.readdirSync(path.join(path.dirname(db), '备份')).filter((n) => n.endsWith('-import.sqlite')) : []);
    expect(backups()).toEqual([]);
    const r = cli('import', fixturePath('published-merged.xlsx'), '--db', db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(backups()).toHaveLength(1);
  });
});
