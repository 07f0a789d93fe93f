/**
 * The CLI on a data folder nobody may write to (a locked-down profile, a read-only share): what reads still
 * reads, what writes says why, and nothing claims a success it did not have.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/store';
import { makeReadOnly } from '../helpers/readOnly';

const undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo.splice(0)) u();
});

/** A folder named as users name them, holding a seeded store (WAL mode, as the app leaves it), made read-only. */
function readOnlyFolderWithStore(): { folder: string; db: string } {
  const folder = path.join(tempDir(), '只读 共享 文件夹');
  const db = path.join(folder, 'store.sqlite');
  expect(cli('seed', '--db', db).status).toBe(0);
  undo.push(makeReadOnly(folder));
  return { folder, db };
}

describe('cli on a read-only data folder', () => {
  it('seed into a read-only folder says it cannot write there and exits 1, instead of reporting sample data it never wrote', () => {
    const folder = path.join(tempDir(), '只读 文件夹');
    fs.mkdirSync(folder);
    undo.push(makeReadOnly(folder));
    const db = path.join(folder, 'store.sqlite');
    const r = cli('seed', '--db', db);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('未载入示例数据');
    expect(r.stderr).toContain(`数据文件夹 ${folder} 不能写入`);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('check reads a healthy store in a read-only folder and says it is intact', () => {
    const { db } = readOnlyFolderWithStore();
    const r = cli('check', '--db', db);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`数据文件完好：${db}`);
    expect(r.status).toBe(0);
  });

  it('check still finds a damaged store in a read-only folder', () => {
    const folder = path.join(tempDir(), '只读 损坏');
    const db = path.join(folder, 'store.sqlite');
    expect(cli('seed', '--db', db).status).toBe(0);
    // Pages in the middle of the file overwritten, as a failing disk or a sync tool leaves them.
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xde), 0, 8192, 4096 * 3);
    fs.closeSync(fd);
    undo.push(makeReadOnly(folder));
    const r = cli('check', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`数据文件 ${db} 已损坏`);
  });

  it('list and review read it; a write names the folder', () => {
    const { folder, db } = readOnlyFolderWithStore();
    expect((JSON.parse(cli('list', '--db', db, '--json').stdout) as unknown[]).length).toBe(39);
    const r = cli('publish', '--db', db, '--year', '2023', '--quarter', '3');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`数据文件夹 ${folder} 不能写入`);
  });
});
