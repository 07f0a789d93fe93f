/** Pure pieces of electron/main.ts and scripts/start.mjs that decide where things come from. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { backupFileFromArgv, DEV_NATIVE_BINDING, nativeBindingPath, storePathFromArgv } from '../../electron/main';
import { electronBinary } from '../../scripts/start.mjs';
import { tempDir } from '../helpers/store';

// main.ts runs at import; without the lock it stops at once, which is all these tests need.
vi.mock('electron', async () => {
  const m = await import('./fakeElectron');
  m.fake.app.lockGranted = false;
  return m.electron;
});

describe('storePathFromArgv', () => {
  it.each([
    [['electron', '.'], '/home/u/.config/app/store.sqlite'],
    [['electron', '.', '--db', '/data/a.sqlite'], '/data/a.sqlite'],
    [['electron', '.', '--db=/data/b.sqlite'], '/data/b.sqlite'],
    [['app.exe', '--db', 'rel/c.sqlite'], '/work/cwd/rel/c.sqlite'],
    [['electron', '.', '--db'], '/home/u/.config/app/store.sqlite'],
  ])('%j → %s', (argv, expected) => {
    expect(storePathFromArgv(argv, '/home/u/.config/app', '/work/cwd')).toBe(path.resolve(expected));
  });
});

describe('backupFileFromArgv', () => {
  it.each([
    // A double-click on a backup (the file association): Windows passes the file after the executable.
    [['C:\\督查\\责任目标督查工作台.exe', '/u/备份/store-20261129-080000-000-daily.sqlite'], '/u/备份/store-20261129-080000-000-daily.sqlite'],
    [['electron', '/app', 'rel/备份.sqlite'], '/work/cwd/rel/备份.sqlite'],
    // --db names the store, not a backup to restore.
    [['electron', '/app', '--db', '/data/a.sqlite'], null],
    [['electron', '/app', '--db=/data/a.sqlite'], null],
    [['electron', '/app'], null],
    [['electron', '/app', '/u/一览表.xlsx'], null],
  ])('%j → %s', (argv, expected) => {
    expect(backupFileFromArgv(argv, '/work/cwd')).toBe(expected === null ? null : path.resolve(expected));
  });
});

describe('nativeBindingPath', () => {
  it('uses the Electron build beside the project in development, none when packaged', () => {
    const appPath = tempDir();
    expect(nativeBindingPath(appPath, false, {})).toBeUndefined();
    const binding = path.join(appPath, DEV_NATIVE_BINDING);
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    expect(nativeBindingPath(appPath, false, {})).toBe(binding);
    expect(nativeBindingPath(appPath, true, {})).toBeUndefined();
  });

  it('prefers the one start.mjs names, and ignores the variable in a packaged app', () => {
    const other = path.join(tempDir(), 'better_sqlite3.node');
    fs.writeFileSync(other, '');
    expect(nativeBindingPath(tempDir(), false, { DUCHA_NATIVE_BINDING: other })).toBe(other);
    expect(nativeBindingPath(tempDir(), true, { DUCHA_NATIVE_BINDING: other })).toBeUndefined();
  });

  it('is where start.mjs builds it', () => {
    const script = fs.readFileSync(path.resolve(__dirname, '../../scripts/start.mjs'), 'utf8');
    expect(DEV_NATIVE_BINDING.split(path.sep)).toEqual(['.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node']);
    expect(script).toContain("path.join(root, '.electron-native')");
    expect(script).toContain("path.join(NATIVE_DIR, 'better-sqlite3')");
    expect(script).toContain("path.join(NATIVE_MODULE, 'build', 'Release', 'better_sqlite3.node')");
  });
});

const hasBinary = fs.existsSync(path.resolve(__dirname, '../../node_modules/electron/path.txt'));

describe('electronBinary', () => {
  // Only meaningful where the binary was skipped at install time, as on the CI machines.
  it.skipIf(hasBinary)('reports the binary as missing, without trying to download it', () => {
    const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    try {
      expect(electronBinary()).toBeNull();
    } finally {
      if (saved !== undefined) process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
    }
  });
});
