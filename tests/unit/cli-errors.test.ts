/** The CLI's last line of defence against Node's English: errno codes and parseArgs errors in Chinese. */
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeError, scrubErrno } from '../../electron/cli/errors';
import { AppError } from '../../shared/errors';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
}

describe('cli error text', () => {
  it.each([
    ["内部错误：ENOENT: no such file or directory, open '/x/数据/store.sqlite'", '内部错误：无法访问 /x/数据/store.sqlite：文件或文件夹不存在'],
    ["EACCES: permission denied, mkdir '/root/a'", '无法访问 /root/a：没有访问权限'],
    ["ENOTDIR: not a directory, scandir '/tmp/a-file/x'", '无法访问 /tmp/a-file/x：路径中有一部分是文件，不是文件夹'],
    ["EXDEV: cross-device link not permitted, rename '/a' -> '/b'", '无法访问 /a：不能跨磁盘移动'],
    ['EBUSY: resource busy or locked', '文件正被其他程序占用'],
    ['数据文件不存在：/x/EXPORT.sqlite', '数据文件不存在：/x/EXPORT.sqlite'],
  ])('%s', (raw, chinese) => {
    expect(scrubErrno(raw)).toBe(chinese);
  });

  it('errors thrown by fs and parseArgs', async () => {
    const fsError = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC', path: '/d/store.sqlite' });
    expect(await describeError(fsError)).toBe('出错了：无法访问 /d/store.sqlite：磁盘空间不足');
    const unknown = thrown(() => parseArgs({ args: ['--frob'], options: {}, strict: true }));
    expect(await describeError(unknown)).toBe('参数有误：未知的选项 --frob');
    const missing = thrown(() => parseArgs({ args: ['--db'], options: { db: { type: 'string' } }, strict: true }));
    expect(await describeError(missing)).toBe('参数有误：选项 --db 缺少取值');
    expect(await describeError(new AppError('validation', '文件有误', { file: 'a.xlsx', row: 3 }))).toBe('文件有误（a.xlsx › 第3行）');
    expect(await describeError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toMatch(/^磁盘空间不足/);
  });
});
