/**
 * The CLI as shipped: the esbuild bundle (dist/cli/cli.js) run through the package's bin, the way
 * `npx duchagongzuotai` and `npm run cli` run it, from a folder that is not the project.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, CLI_BUNDLE } from '../../scripts/build-cli.mjs';
import { tempDir } from '../helpers/store';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
const bin = path.join(root, pkg.bin.duchagongzuotai!);

function built(args: string[], trace?: string): { status: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, TRACE_FILE: trace ?? '' };
  // The seeds must be found beside the bundle, not through the environment or the working folder.
  delete env.DUCHA_SEEDS_DIR;
  const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'fixtures/trace-exceljs.cjs'), bin, ...args], { cwd: tempDir('ducha-cwd-'), env, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the built CLI', () => {
  it('is the package bin and what npm run cli runs', () => {
    expect(pkg.scripts.cli).toBe(`node ${pkg.bin.duchagongzuotai}`);
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('seeds into a new folder, lists as the sources do, and loads exceljs only for a workbook', async () => {
    await buildCli();
    expect(fs.existsSync(CLI_BUNDLE)).toBe(true);
    const db = path.join(tempDir(), '新建 文件夹', '数据', 'store.sqlite');
    const trace = path.join(tempDir(), 'trace');

    const help = built(['--help'], trace);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('publish --db 文件');

    const seeded = built(['seed', '--db', db]);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(/39 项责任目标、40 条分工/);

    const listed = built(['list', '--db', db, '--json'], trace);
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(39);
    // Neither --help nor list read or write a workbook: exceljs stays unloaded.
    expect(fs.existsSync(trace)).toBe(false);

    const out = path.join(tempDir(), '一览表.xlsx');
    const exported = built(['export', 'overview', '--db', db, '--year', '2023', '--quarter', '3', '--out', out], trace);
    expect(exported.stderr).toBe('');
    expect(exported.stdout.trim()).toBe(`已导出 39 项目标到 ${out}`);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(fs.readFileSync(trace, 'utf8')).toBe('exceljs');
  }, 60_000);
});
