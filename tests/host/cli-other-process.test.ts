/**
 * The store open in another process (the app's window, the browser mode, a second CLI), as a script meets it:
 * a restore must not replace a file someone else is writing to (their later writes would go to the
 * replaced file and be lost), and a write waits for a short write of the other process instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { holdStore, releaseHolders } from '../helpers/otherProcess';
import { tempDir } from '../helpers/store';
import { fileHash, fixturePath } from '../import/helpers';

afterEach(releaseHolders);

function seededStore(): string {
  const db = path.join(tempDir(), '督查 数据', 'store.sqlite');
  expect(cli('seed', '--db', db).status).toBe(0);
  return db;
}

describe('cli with the store open in another process', () => {
  it('restore --yes is refused while another process has the store open, the store untouched; it goes through once that closes', async () => {
    const db = seededStore();
    const backup = path.join(tempDir(), '备份.sqlite');
    expect(cli('backup', '--db', db, '--out', backup).status).toBe(0);
    expect(cli('import', fixturePath('published-merged.xlsx'), '--db', db).status).toBe(0);
    const holder = await holdStore(db);
    const before = fileHash(db);

    const r = cli('restore', '--db', db, backup, '--yes');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`数据文件 ${db} 正被其他程序打开`);
    expect(r.stderr).toContain('数据文件未做任何改动');
    expect(r.stderr).not.toMatch(/SQLITE_|EBUSY|database is locked/);
    expect(fileHash(db)).toBe(before);
    expect(fs.existsSync(`${db}.restoring`)).toBe(false);

    holder.kill();
    await new Promise((resolve) => holder.once('exit', resolve));
    const again = cli('restore', '--db', db, backup, '--yes');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect((JSON.parse(cli('list', '--db', db, '--json').stdout) as unknown[]).length).toBe(39);
  });

  it('an import waits for another process to finish a short write instead of failing at once', async () => {
    const db = seededStore();
    // Well inside the store's 5 s busy timeout.
    await holdStore(db, { writeFor: 1000 });
    const r = cli('import', fixturePath('published-merged.xlsx'), '--db', db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/已导入，批次号/);
  });

  it('publish waits the same way', async () => {
    const db = seededStore();
    await holdStore(db, { writeFor: 1000 });
    const r = cli('publish', '--db', db, '--year', '2023', '--quarter', '3', '--date', '2023-10-15');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
