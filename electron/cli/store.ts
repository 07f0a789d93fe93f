/** Where --db points, checked before a core opens it: the CLI's one piece of file handling around the store. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { damagedCopies } from '../db/damagedCopies';
import { fail } from './args';
import type { Values } from './command';

export function requireDb(values: Values): string {
  const db = values.db;
  if (typeof db !== 'string' || db === '') fail('缺少 --db 参数：请指定数据文件。');
  return db;
}

/** The store must already be there: list, export, review… never create an empty one from a typo. */
export function assertStoreExists(db: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(db);
  } catch {
    // Missing, or below a file: either way there is no store at this path.
    // A command that met the damage set the store aside: say why the store that was there is gone.
    const kept = damagedCopies(db)[0];
    fail(kept ? `数据文件不存在：${db}。此处原有的数据文件已损坏，已原样保存为 ${kept}；可用 restore --db ${db} 备份文件 从备份恢复。` : `数据文件不存在：${db}`);
  }
  if (stat.isDirectory()) fail(`数据文件路径是一个文件夹，不是数据文件：${db}`);
}

/** The folder of a store about to be created (seed, import, restore): made when missing. */
export function ensureStoreFolder(db: string): void {
  const dir = path.dirname(path.resolve(db));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST' ? '路径中有一部分是文件，不是文件夹' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EROFS' ? '所在磁盘是只读的' : '请检查路径和权限';
    fail(`无法创建数据文件夹 ${dir}：${why}。`);
  }
  if (fs.existsSync(db) && fs.statSync(db).isDirectory()) fail(`数据文件路径是一个文件夹，不是数据文件：${db}`);
}

/** Writes a file the service produced, in Chinese when it cannot. */
export function writeOutput(file: string, bytes: Buffer): void {
  try {
    fs.writeFileSync(file, bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('io', `无法写入文件 ${file}：${code === 'EBUSY' ? '文件正被其他程序打开' : '请检查路径和权限'}。`);
  }
}
