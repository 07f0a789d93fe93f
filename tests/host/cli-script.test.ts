/**
 * The CLI as a script calls it: with --json every command's stdout is one JSON value (never Chinese prose a
 * parser chokes on); --help lists every option a command accepts; wrong arguments get a Chinese message
 * pointing at the help and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../electron/cli/commands';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/store';

const root = path.resolve(__dirname, '../..');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The CLI's stdout piped into `node -e JSON.parse(...)`, as the README's scripts do; pipefail keeps the CLI's status. */
function piped(...args: string[]): { status: number; value: unknown; stderr: string } {
  const command = [process.execPath, path.join(root, 'bin/duchagongzuotai.js'), ...args].map(quote).join(' ');
  const parser = `${quote(process.execPath)} -e ${quote('process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0, "utf8"))))')}`;
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${command} | ${parser}`], { encoding: 'utf8' });
  return { status: r.status ?? -1, value: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

let seeded = '';
/** One store with the sample data, shared by the tests that only read it. */
function seededStore(): string {
  if (!seeded) {
    seeded = path.join(tempDir(), 'store.sqlite');
    expect(cli('seed', '--db', seeded).status).toBe(0);
  }
  return seeded;
}

describe('cli --json on every command', () => {
  it('seed, export overview, export templates, backup, check and restore print JSON with --json', () => {
    const dir = path.join(tempDir(), '输出 文件夹');
    const db = path.join(dir, 'store.sqlite');

    const seeded = piped('seed', '--db', db, '--json');
    expect(seeded.stderr).toBe('');
    expect(seeded).toMatchObject({ status: 0, value: { year: 2023, targets: 39, assignments: 40 } });

    const out = path.join(dir, '一览表 三季度.xlsx');
    expect(piped('export', 'overview', '--db', db, '--year', '2023', '--quarter', '3', '--out', out, '--json')).toMatchObject({ status: 0, value: { file: out, targets: 39 } });
    expect(fs.statSync(out).size).toBeGreaterThan(0);

    const templates = piped('export', 'templates', '--db', db, '--year', '2023', '--quarter', '4', '--out-dir', path.join(dir, '模板'), '--json');
    expect(templates.status).toBe(0);
    const { dir: templateDir, files } = templates.value as { dir: string; files: string[] };
    expect(templateDir).toBe(path.join(dir, '模板'));
    expect(files.length).toBeGreaterThan(20);
    expect(fs.readdirSync(templateDir).sort()).toEqual([...files].sort());

    const backupFile = path.join(dir, '手工 备份.sqlite');
    const backup = piped('backup', '--db', db, '--out', backupFile, '--json');
    expect(backup).toMatchObject({ status: 0, value: { file: backupFile, counts: { targets: 39 } } });
    expect(piped('backup', '--db', db, '--json')).toMatchObject({ status: 0, value: { reason: 'manual', counts: { targets: 39 } } });

    expect(piped('check', '--db', db, '--json')).toMatchObject({ status: 0, value: { ok: true } });

    const shown = piped('restore', '--db', db, backupFile, '--json');
    expect(shown).toMatchObject({ status: 2, value: { restored: false, backup: { file: backupFile, counts: { targets: 39 } } } });
    const restored = piped('restore', '--db', db, backupFile, '--yes', '--json');
    expect(restored.stderr).toBe('');
    expect(restored).toMatchObject({ status: 0, value: { restored: true, damagedKeptAs: null } });
    expect(fs.existsSync((restored.value as { safetyBackup: string }).safetyBackup)).toBe(true);
  });

  it('check --json on a file that is not a store: {"ok":false,…} and exit 1', () => {
    const file = path.join(tempDir(), 'not-a-store.sqlite');
    fs.writeFileSync(file, 'x'.repeat(4096));
    const r = piped('check', '--db', file, '--json');
    expect(r.status).toBe(1);
    expect(r.value).toMatchObject({ ok: false, kind: 'not-a-database' });
    expect(r.stderr).toContain('不是督查工作台的数据文件');
  });

  it.each(Object.entries(COMMANDS))('%s --help lists every option it accepts, in Chinese', (name, command) => {
    const r = cli(...name.split(' '), '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/[\u4e00-\u9fa5]/);
    for (const option of ['db', 'json', ...Object.keys(command.options ?? {})]) expect(r.stdout).toContain(`--${option}`);
  });

  it('the overall --help names every command, how to get a command\'s help and the exit codes', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(r.stdout).toContain(`  ${name} `);
    expect(r.stdout).toContain('<命令> --help');
    expect(r.stdout).toMatch(/退出码：0 成功；1 出错.*2 .*130 /);
  });

  it.each([
    ['--quarter', '0x3'],
    ['--quarter', '3.0'],
    ['--quarter', ' 3'],
    ['--year', '2e3'],
    ['--year', '0x7E7'],
  ])('a number is digits only: %s %j is refused', (option, value) => {
    const args = { '--year': '2023', '--quarter': '3', [option]: value };
    const r = cli('review', '--db', seededStore(), ...Object.entries(args).flat());
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`${option === '--year' ? '年份' : '季度'}无效：${value}`);
  });

  it('an unknown option or a missing value names the option and where the command\'s options are listed', () => {
    const unknown = cli('list', '--db', 'x.sqlite', '--bogus');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('参数有误：未知的选项 --bogus（list 的选项见 duchagongzuotai list --help）');
    const missing = cli('export', 'overview', '--db');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('参数有误：选项 --db 缺少取值（export overview 的选项见 duchagongzuotai export overview --help）');
  });
});

describe('npm run -s cli from another folder', () => {
  it('takes relative paths from the folder the command was typed in, not from the project folder', () => {
    const here = path.join(tempDir(), '我的 数据');
    fs.mkdirSync(here);
    const npm = (...args: string[]) => spawnSync('npm', ['--prefix', root, 'run', '-s', 'cli', '--', ...args], { cwd: here, encoding: 'utf8' });
    const seeded = npm('seed', '--db', 'data/store.sqlite', '--json');
    expect(seeded.stderr).toBe('');
    expect(JSON.parse(seeded.stdout)).toEqual({ year: 2023, targets: 39, assignments: 40 });
    expect(fs.existsSync(path.join(here, 'data', 'store.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'data', 'store.sqlite'))).toBe(false);
    const listed = npm('list', '--db', 'data/store.sqlite', '--json');
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(39);
  });
});

describe('cli files that are not what the command reads', () => {
  it('report import of a file that is not a report, or is missing, says so and leaves no new store behind', () => {
    const db = path.join(tempDir(), '新 文件夹', 'store.sqlite');
    const workbook = path.join(root, 'tests/fixtures/import/variant-headers.xlsx');
    const notReport = cli('report', 'import', workbook, '--db', db, '--year', '2023');
    expect(notReport.status).toBe(1);
    expect(notReport.stderr.trim()).toBe('文件 variant-headers.xlsx 不是有效的 Word 文档（.docx），可能已损坏或不完整。');
    const missing = cli('report', 'import', path.join(tempDir(), '没有 这个.docx'), '--db', db, '--year', '2023');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('找不到文件“没有 这个.docx”。');
    expect(fs.existsSync(path.dirname(db))).toBe(false);
    const imported = cli('report', 'import', path.join(root, 'seeds/2023-政府工作报告.txt'), '--db', db, '--year', '2023', '--json');
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ year: 2023, candidates: 154 });
  });

  it('a file is tried on a store in memory whatever folder the command is typed in, even one that cannot be written', () => {
    // /sys cannot be written even by root: the trial store must not need the current folder at all.
    const inSys = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/duchagongzuotai.js'), ...args], { cwd: '/sys', encoding: 'utf8' });
    const db = path.join(tempDir(), '报告 数据', 'store.sqlite');
    const report = inSys('report', 'import', path.join(root, 'seeds/2023-政府工作报告.txt'), '--db', db, '--year', '2023', '--json');
    expect(report.stderr).toBe('');
    expect(JSON.parse(report.stdout)).toMatchObject({ year: 2023, candidates: 154 });
    const preview = inSys('import', path.join(root, 'seeds/2023-三季度-一览表.xlsx'), '--db', seededStore(), '--dry-run', '--json');
    expect(preview.stderr).toBe('');
    expect(preview.status).toBe(0);
  });

  it('a workbook that is not one is named once, without the place repeated after the message', () => {
    const file = path.join(tempDir(), '假的 表格.xlsx');
    fs.writeFileSync(file, '序号,内容\n1,测试\n');
    const r = cli('import', file, '--db', seededStore());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^文件“假的 表格.xlsx”不是 Excel 工作簿，而是文本或 CSV 文件/);
    expect(r.stderr).not.toContain('（假的 表格.xlsx）');
  });
});

describe('cli on a damaged store', () => {
  it('the command that meets the damage sets the store aside and says where; the next one says why the store is gone', () => {
    const db = path.join(tempDir(), '损坏 数据', 'store.sqlite');
    expect(cli('seed', '--db', db).status).toBe(0);
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xde), 0, 8192, 4096 * 3);
    fs.closeSync(fd);

    const met = cli('list', '--db', db);
    expect(met.status).toBe(1);
    const kept = /原文件已原样保存为 (.+?\.damaged-[\d-]+)，/.exec(met.stderr)?.[1];
    expect(kept, met.stderr).toBeDefined();
    expect(fs.existsSync(kept!)).toBe(true);

    const next = cli('review', '--db', db, '--year', '2023', '--quarter', '3');
    expect(next.status).toBe(1);
    expect(next.stderr.trim()).toBe(`数据文件不存在：${db}。此处原有的数据文件已损坏，已原样保存为 ${kept}；可用 restore --db ${db} 备份文件 从备份恢复。`);
  });
});

describe('cli import of a folder', () => {
  it('imports every workbook under it, as 导入文件夹… does, and names what it skipped', () => {
    const folder = path.join(tempDir(), '二季度 报送');
    fs.mkdirSync(path.join(folder, '县区'), { recursive: true });
    fs.copyFileSync(path.join(root, 'tests/fixtures/import/published-merged.xlsx'), path.join(folder, '县区', '一览表.xlsx'));
    fs.writeFileSync(path.join(folder, '说明.doc'), 'x');
    fs.writeFileSync(path.join(folder, '~$一览表.xlsx'), 'x');
    const db = path.join(tempDir(), 'store.sqlite');

    const dry = cli('import', folder, '--db', db, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('已读取 1 个文件：二季度 报送/县区/一览表.xlsx（一览表）');
    expect(dry.stdout).toContain('已跳过 2 项：二季度 报送/~$一览表.xlsx（Office 临时文件）、二季度 报送/说明.doc（.doc 请另存为 .docx）');

    const r = cli('import', folder, '--db', db, '--json');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { summary: { targetsNew: number }; files: { path: string; kind: string }[]; skipped: { path: string; reason: string }[] };
    expect(result.summary.targetsNew).toBe(7);
    expect(result.files).toEqual([{ path: '二季度 报送/县区/一览表.xlsx', kind: 'overview' }]);
    expect(result.skipped.map((s) => s.path)).toEqual(['二季度 报送/~$一览表.xlsx', '二季度 报送/说明.doc']);
  });

  it('a folder without workbooks is refused, naming it, and nothing is created', () => {
    const folder = path.join(tempDir(), '空 文件夹');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '扫描件.pdf'), 'x');
    const db = path.join(tempDir(), '新', 'store.sqlite');
    const r = cli('import', folder, '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`文件夹 ${folder} 中没有可导入的表格或 Word 报送。已跳过 1 项：空 文件夹/扫描件.pdf（PDF 无法导入，请让单位报送 Excel 或 Word）`);
    expect(fs.existsSync(path.dirname(db))).toBe(false);
  });
});

describe('cli report import of files that are not a report', () => {
  const report = () => fs.readFileSync(path.join(root, 'seeds/2023-政府工作报告.txt'), 'utf8');

  it.each([
    ['a database file', 'store.sqlite', () => fs.readFileSync(seededStore()), '不是文本文件，也不是 Word 文档（.docx）'],
    ['a PDF', '报告.pdf', () => Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), '是 PDF 文件，无法读取其中的文字'],
  ])('%s is refused by name, not read as hundreds of garbled sentences', (_, name, bytes, message) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, bytes());
    const db = path.join(tempDir(), '新', 'store.sqlite');
    const r = cli('report', 'import', file, '--db', db, '--year', '2023');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`文件 ${name} ${message}`);
    expect(fs.existsSync(path.dirname(db))).toBe(false);
  });

  it('a .txt saved by Notepad as "Unicode" (UTF-16 with its mark) is read as the same report', () => {
    const file = path.join(tempDir(), '报告 UTF-16.txt');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(report(), 'utf16le')]));
    const r = cli('report', 'import', file, '--db', path.join(tempDir(), 'store.sqlite'), '--year', '2023', '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ candidates: 154, indicators: 10, projects: 10 });
  });
});
