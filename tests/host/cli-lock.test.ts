/**
 * Publishing from the CLI: `publish` locks a quarter, an import that would change it is refused with what it
 * refused (the store untouched), a dry run warns, and `unlock` with a reason lets it through.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempStorePath } from '../helpers/store';
import { fileHash, fixturePath } from '../import/helpers';

const list = (db: string) => {
  const r = cli('list', '--db', db, '--json');
  expect(r.status).toBe(0);
  return r.stdout;
};

describe('cli publish, unlock and the lock on imports', () => {
  it('publish locks the quarter; an import changing it is refused, a dry run warns; unlock lets it through', () => {
    const db = tempStorePath();
    expect(cli('import', fixturePath('published-merged.xlsx'), '--db', db).status).toBe(0);

    const published = cli('publish', '--db', db, '--year', '2024', '--quarter', '2', '--date', '2024-07-01');
    expect(published.stderr).toBe('');
    expect(published.status).toBe(0);
    expect(published.stdout).toMatch(/已发布并锁定2024年二季度（发布日期 2024-07-01）/);
    const again = cli('publish', '--db', db, '--year', '2024', '--quarter', '2', '--json');
    expect(again.status).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/2024年二季度已于2024年7月1日发布并锁定/);

    // A dry run warns, in text and in JSON, and writes nothing.
    const dryText = cli('import', fixturePath('conflict-serial5.xlsx'), '--db', db, '--dry-run');
    expect(dryText.status).toBe(0);
    expect(dryText.stdout).toMatch(/警告：2024年二季度已于2024年7月1日发布并锁定/);
    const dryJson = cli('import', fixturePath('conflict-serial5.xlsx'), '--db', db, '--dry-run', '--json');
    expect(dryJson.status).toBe(0);
    expect((JSON.parse(dryJson.stdout) as { notes: { code: string }[] }).notes.map((n) => n.code)).toContain('quarter-locked');

    const before = { list: list(db), hash: fileHash(db) };
    for (const json of [false, true]) {
      const refused = cli('import', fixturePath('conflict-serial5.xlsx'), '--db', db, ...(json ? ['--json'] : []));
      expect(refused.status).not.toBe(0);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^已拒绝导入，数据文件未改动：.*2024年二季度已于2024年7月1日发布并锁定/);
      expect(refused.stderr).toMatch(/本次导入原将新增 1 项、更新 1 项责任目标（第1、8项），均未写入。/);
    }
    expect(fileHash(db)).toBe(before.hash);
    expect(list(db)).toBe(before.list);

    const noReason = cli('unlock', '--db', db, '--year', '2024', '--quarter', '2');
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toMatch(/缺少 --reason 参数/);
    const unlocked = cli('unlock', '--db', db, '--year', '2024', '--quarter', '2', '--reason', '更正序号1的完成情况');
    expect(unlocked.stderr).toBe('');
    expect(unlocked.status).toBe(0);
    expect(unlocked.stdout).toMatch(/已解除2024年二季度的锁定（理由：更正序号1的完成情况）/);
    const notLocked = cli('unlock', '--db', db, '--year', '2024', '--quarter', '2', '--reason', '再次解除');
    expect(notLocked.status).not.toBe(0);
    // Unlocked a moment ago, so said as such (a quarter never published says 尚未发布).
    expect(notLocked.stderr).toMatch(/2024年二季度已解除锁定，无需解除锁定/);

    const imported = cli('import', fixturePath('conflict-serial5.xlsx'), '--db', db, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(list(db)).not.toBe(before.list);
  }, 120_000);

  it('publish --json prints the locks; bad dates and periods fail in Chinese', () => {
    const db = tempStorePath();
    expect(cli('seed', '--db', db).status).toBe(0);
    const r = cli('publish', '--db', db, '--year', '2023', '--quarter', '3', '--date', '2023-10-20', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ quarter: 3, publishedOn: '2023-10-20' })]);
    for (const [args, message] of [
      [['--year', '2023', '--quarter', '2', '--date', '20.10.2023'], /日期格式应为 YYYY-MM-DD/],
      [['--year', '2023', '--quarter', '5'], /季度无效：5/],
      [['--year', '2023'], /缺少 --quarter 参数/],
      [['--year', '2030', '--quarter', '1'], /还没有2030年的责任目标/],
    ] as const) {
      const bad = cli('publish', '--db', db, ...args);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(message);
    }
  }, 60_000);
});
