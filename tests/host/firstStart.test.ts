/** The first start whatever the data folder's state, and the file-system errors users get to read. */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStorePath, startCore, type AppCore } from '../../electron/host/app';
import { MIGRATIONS } from '../../electron/db/migrations';
import { failureReason, storeError } from '../../electron/db/storeErrors';
import { systemErrorMessage, toErrorInfo } from '../../shared/errors';
import { methods, type Input, type MethodName, type Output } from '../../shared/contract';
import { makeReadOnly } from '../helpers/readOnly';
import { tempDir } from '../helpers/store';
import { undoMigrationsAfter } from '../helpers/damage';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function call<M extends MethodName>(core: AppCore, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await core.call(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return methods[method].output.parse(result.value) as Output<M>;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('defaultStorePath', () => {
  it.each([
    [{ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/cfg/责任目标督查工作台/store.sqlite'],
    [{ XDG_CONFIG_HOME: '' }, 'linux', '/home/u/.config/责任目标督查工作台/store.sqlite'],
    [{ XDG_CONFIG_HOME: 'relative/cfg' }, 'linux', '/home/u/.config/责任目标督查工作台/store.sqlite'],
    [{}, 'linux', '/home/u/.config/责任目标督查工作台/store.sqlite'],
    [{ APPDATA: 'D:\\Profile\\Roaming' }, 'win32', 'D:\\Profile\\Roaming\\责任目标督查工作台\\store.sqlite'],
    [{ APPDATA: '' }, 'win32', 'C:\\Users\\u\\AppData\\Roaming\\责任目标督查工作台\\store.sqlite'],
  ] as const)('%j on %s → %s', (env, platform, expected) => {
    expect(defaultStorePath(env, platform, platform === 'win32' ? 'C:\\Users\\u' : '/home/u')).toBe(expected);
  });
});

describe('system errors in Chinese', () => {
  it('names the path and says why, with none of Node’s text', () => {
    const missing = path.join(tempDir(), '没有 这个');
    const err = thrown(() => fs.readdirSync(missing));
    const message = systemErrorMessage(err)!;
    expect(message).toBe(`无法读取文件夹 ${missing}：文件或文件夹不存在。`);
    expect(toErrorInfo(err)).toEqual({ code: 'io', message });
    expect(storeError(err)?.message).toBe(message);
    expect(failureReason(err)).toBe('文件或文件夹不存在');
  });

  it.each([
    ['EACCES', 'mkdir', '无法创建文件夹 /d/x：没有访问权限。'],
    ['EPERM', 'open', '无法打开 /d/x：操作不被允许（没有权限，或文件被设为只读、正被其他程序使用）。'],
    ['EBUSY', 'rename', '无法移动或重命名 /d/x：文件正被其他程序占用。'],
    ['EROFS', 'open', '无法打开 /d/x：所在的磁盘或文件夹是只读的。'],
    ['ENOSPC', 'write', '无法写入 /d/x：磁盘空间不足。'],
    ['EEXIST', 'mkdir', '无法创建文件夹 /d/x：已有同名的文件或文件夹。'],
  ])('%s in %s', (code, syscall, expected) => {
    const err = Object.assign(new Error(`${code}: raw node text, ${syscall} '/d/x'`), { code, syscall, path: '/d/x' });
    expect(systemErrorMessage(err)).toBe(expected);
    expect(toErrorInfo(err).message).not.toMatch(/raw node text|[A-Z]{4,}/);
  });

  it('leaves other errors to the caller', () => {
    expect(systemErrorMessage(new Error('x'))).toBeNull();
    expect(toErrorInfo(new Error('x')).code).toBe('internal');
    expect(failureReason(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }))).toBe('无法打开文件（文件夹不存在，或没有访问权限）');
  });
});

describe('first start', () => {
  it.each(['missing', 'empty'])('a %s data folder (path with spaces and Chinese) gets the sample data and the welcome', async (state) => {
    const folder = path.join(tempDir(), '我的 数据', '督查 工作台');
    if (state === 'empty') fs.mkdirSync(folder, { recursive: true });
    const storePath = path.join(folder, 'store.sqlite');
    const core = await startCore({ storePath, seedIfEmpty: true, dailyBackup: true });
    try {
      expect(await call(core, 'overview.get', { year: 2023, quarter: 3 })).toMatchObject({ totalTargets: 39 });
      expect(await call(core, 'app.startState', {})).toEqual({ readOnly: null, warnings: [], welcome: true });
      expect(fs.existsSync(storePath)).toBe(true);
    } finally {
      core.close();
    }
  });

  it('a read-only data folder holding a store: opened read-only, every change refused naming the folder, the file untouched', async () => {
    const folder = path.join(tempDir(), '只读 文件夹');
    const storePath = path.join(folder, 'store.sqlite');
    (await startCore({ storePath, seedIfEmpty: true })).close();
    const files = fs.readdirSync(folder).sort();
    const before = sha(storePath);
    const undo = makeReadOnly(folder);
    try {
      const core = await startCore({ storePath, seedIfEmpty: true, dailyBackup: true });
      try {
        const state = await call(core, 'app.startState', {});
        expect(state.readOnly?.folder).toBe(folder);
        expect(state.readOnly?.reason).toContain(`数据文件夹 ${folder} 不能写入`);
        expect(state.welcome).toBe(false);
        const overview = await call(core, 'overview.get', { year: 2023, quarter: 3 });
        expect(overview.totalTargets).toBe(39);
        const line = overview.rows[0]!.lines[0]!;
        const refused = await core.call('progress.save', { assignmentId: line.id, quarter: 3, text: '改一下' });
        expect(refused).toMatchObject({ ok: false, error: { code: 'io' } });
        expect(!refused.ok && refused.error.message).toMatch(new RegExp(`^本次修改没有保存。数据文件夹 ${folder} 不能写入（.+），数据以只读方式打开`));
        // A restore would replace the file: refused up front, and the app stays as it is.
        await call(core, 'backups.list', {});
        const restore = await core.call('backups.restore', { name: 'store-20230101-000000-000-manual.sqlite' });
        expect(!restore.ok && restore.error.message).toMatch(/^不能从备份恢复。数据文件夹 .+ 不能写入/);
        expect(core.recovery).toBeNull();
        // Reading still works after a refused write, and the write did not happen.
        expect((await call(core, 'overview.get', { year: 2023, quarter: 3 })).rows[0]!.lines[0]!.progress).toEqual(line.progress);
      } finally {
        core.close();
      }
    } finally {
      undo();
    }
    expect(sha(storePath)).toBe(before);
    expect(fs.readdirSync(folder).sort()).toEqual(files);
  });

  it('a read-only folder without a store shows the sample data read-only and writes nothing', async () => {
    const folder = tempDir('只读 空-');
    const undo = makeReadOnly(folder);
    try {
      const core = await startCore({ storePath: path.join(folder, 'store.sqlite'), seedIfEmpty: true });
      try {
        expect((await call(core, 'app.startState', {})).readOnly?.folder).toBe(folder);
        expect((await call(core, 'overview.get', { year: 2023, quarter: 3 })).totalTargets).toBe(39);
        expect(await core.call('plans.create', { year: 2026 })).toMatchObject({ ok: false, error: { code: 'io' } });
      } finally {
        core.close();
      }
      expect(fs.readdirSync(folder)).toEqual([]);
    } finally {
      undo();
    }
  });

  it('a data folder that cannot be created at all (its parent is read-only) opens read-only too', async () => {
    const parent = tempDir();
    const undo = makeReadOnly(parent);
    try {
      const folder = path.join(parent, '责任目标督查工作台');
      const core = await startCore({ storePath: path.join(folder, 'store.sqlite'), seedIfEmpty: true });
      try {
        expect((await call(core, 'app.startState', {})).readOnly?.reason).toContain(`无法创建数据文件夹 ${folder}`);
      } finally {
        core.close();
      }
    } finally {
      undo();
    }
  });

  it('a backup folder on a USB stick that is not plugged in: the upgrade backup goes beside the store, with a warning', async () => {
    const folder = tempDir();
    const storePath = path.join(folder, 'store.sqlite');
    const stick = path.join(tempDir(), 'U盘（未插入）', '备份');
    const seeded = await startCore({ storePath, seedIfEmpty: true });
    await call(seeded, 'settings.update', { backupDir: stick });
    seeded.close();
    // The store as the release before the sample-plan migration (010) left it: that migration and later ones undone.
    const old = new Database(storePath);
    undoMigrationsAfter(old, MIGRATIONS, 9);
    old.close();

    const core = await startCore({ storePath, seedIfEmpty: true, dailyBackup: true });
    try {
      const state = await call(core, 'app.startState', {});
      const local = path.join(folder, '备份');
      expect(state.warnings[0]).toBe(`备份文件夹“${stick}”当前无法使用（找不到该文件夹，U盘或共享文件夹可能未连接），备份已改存到数据文件旁的“${local}”。连接U盘或共享文件夹后，以后的备份会回到原处。`);
      expect(fs.readdirSync(local).filter((n) => n.endsWith('-migration.sqlite'))).toHaveLength(1);
      // Nothing was made on the local disk where the stick should be.
      expect(fs.existsSync(path.dirname(stick))).toBe(false);
      // The upgrade backup counts as the day's (no second copy), and the folder is named once.
      expect(fs.readdirSync(local).filter((n) => n.endsWith('-daily.sqlite'))).toHaveLength(0);
      expect(state.warnings).toHaveLength(1);
      // The sample year was recognised as such by the migration, and the store counted as used (no welcome).
      expect((await call(core, 'plans.list', {}))[0]).toMatchObject({ year: 2023, sample: true });
      expect(state.welcome).toBe(false);
    } finally {
      core.close();
    }
  });
});
