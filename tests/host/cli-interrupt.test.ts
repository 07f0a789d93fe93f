/**
 * Ctrl+C during a long import from the CLI: the import stops (cancelled as the app's 取消 does), one Chinese
 * line says nothing was written, the exit code is 130, and the store holds exactly what it held before.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOverviewFile } from '../../bench/overviewFile';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/store';

const root = path.resolve(__dirname, '../..');
let bigFile = '';

beforeAll(async () => {
  bigFile = path.join(tempDir(), '大 一览表.xlsx');
  // Large enough that reading it takes the CLI well over a second.
  await writeOverviewFile(bigFile, 5000);
}, 120_000);

/** Waits until `ready()` holds; fails, not hangs, if the CLI ends first or never gets there. */
async function until(child: ChildProcess, ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; !ready(); i++) {
    if (child.exitCode !== null || i > 3000) {
      child.kill('SIGKILL');
      throw new Error(`the CLI ${child.exitCode === null ? 'never got to' : `ended (${child.exitCode}) before`} ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether the CLI process has `file` open: it has read the workbooks and opened the store. */
function hasOpen(child: ChildProcess, file: string): boolean {
  const fdDir = `/proc/${child.pid}/fd`;
  if (!fs.existsSync(fdDir)) return false;
  return fs.readdirSync(fdDir).some((fd) => {
    try {
      return fs.readlinkSync(path.join(fdDir, fd)) === file;
    } catch {
      return false;
    }
  });
}

/**
 * Runs the CLI with `args` and sends it Ctrl+C (SIGINT) once `ready` holds (by default: it has the store `db`
 * open).
 */
async function interrupted(
  db: string,
  args: string[],
  options: { ready?: (child: ChildProcess) => boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/duchagongzuotai.js'), ...args], { cwd: root, env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = options.ready ?? ((c: ChildProcess) => hasOpen(c, db));
  await until(child, () => ready(child), 'the moment to interrupt it');
  child.kill('SIGINT');
  const code = await exited;
  return { stdout, stderr, code };
}

describe('cli and Ctrl+C', () => {
  it('SIGINT in the middle of an import: 已中断, exit 130, nothing written', async () => {
    const db = path.join(tempDir(), '督查 数据', 'store.sqlite');
    expect(cli('seed', '--db', db).status).toBe(0);
    const before = cli('list', '--db', db, '--json').stdout;

    const { stdout, stderr, code } = await interrupted(db, ['import', bigFile, '--db', db]);

    expect(stderr).toBe('已中断（Ctrl+C），未做任何改动。\n');
    expect(stdout).toBe('');
    expect(code).toBe(130);
    expect(cli('list', '--db', db, '--json').stdout).toBe(before);
    expect(cli('list', '--db', db, '--year', '2025').stderr).toMatch(/还没有2025年的责任目标/);
  }, 60_000);
});

describe('cli and Ctrl+C during a dry run', () => {
  it('the copy of the store the dry run previews against does not stay in the temp folder', async () => {
    const db = path.join(tempDir(), '督查 数据', 'store.sqlite');
    expect(cli('seed', '--db', db).status).toBe(0);
    const tmp = tempDir('ducha-tmp-');
    // Interrupted once the copy is in place, while the preview reads the big file.
    const copied = () => fs.readdirSync(tmp).some((d) => d.startsWith('ducha-dry-run-') && fs.existsSync(path.join(tmp, d, 'store.sqlite')));
    const { stderr, code } = await interrupted(db, ['import', bigFile, '--db', db, '--dry-run'], { ready: copied, env: { ...process.env, TMPDIR: tmp } });
    expect(code).toBe(130);
    expect(stderr).toBe('已中断（Ctrl+C），未做任何改动。\n');
    expect(fs.readdirSync(tmp).filter((d) => d.startsWith('ducha-dry-run-'))).toEqual([]);
  }, 60_000);
});

describe('cli and Ctrl+C while a write is under way', () => {
  it('SIGINT during seed: never half a sample; the message says which way it went', async () => {
    const db = path.join(tempDir(), '新 数据', 'store.sqlite');
    const { stdout, stderr, code } = await interrupted(db, ['seed', '--db', db]);

    const listed = cli('list', '--db', db, '--json');
    if (code === 0) {
      expect(stdout).toMatch(/^已载入示例数据：2023年 39 项责任目标/);
      expect(stderr).toBe('收到 Ctrl+C 时操作已在进行，已完整完成（结果见上）。\n');
      expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(39);
    } else {
      expect(code).toBe(130);
      expect(stderr).toBe('已中断（Ctrl+C），未做任何改动。\n');
      expect(listed.stdout).toBe('');
      expect(listed.stderr).toMatch(/数据文件不存在|还没有/);
    }
  }, 60_000);
});
