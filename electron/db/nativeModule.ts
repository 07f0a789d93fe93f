/**
 * better-sqlite3 is a native module built for one ABI: the copy in node_modules for Node (the CLI, the
 * browser mode, the tests), the one in .electron-native/ (or the packaged app's) for Electron. Loading the
 * other one makes Node throw "was compiled against a different Node.js version", which means nothing to a
 * user; this turns it into what to run.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { databaseOptions } from './storeFiles';

export type NativeRuntime = 'electron' | 'node';

/** The runtime this process is: Electron's main process or plain Node. */
export function currentRuntime(versions: NodeJS.ProcessVersions = process.versions): NativeRuntime {
  return versions.electron ? 'electron' : 'node';
}

const ABI = /NODE_MODULE_VERSION (\d+)\.[\s\S]*requires\s+NODE_MODULE_VERSION (\d+)/;

/** The Chinese error for a native module built for another runtime, or null when `err` is something else. */
export function nativeModuleError(err: unknown, runtime: NativeRuntime = currentRuntime()): AppError | null {
  const message = err instanceof Error ? err.message : String(err);
  const wrongAbi = /compiled against a different Node\.js version|NODE_MODULE_VERSION/.test(message);
  // A binding for another CPU or system: Linux says "invalid ELF header" or "wrong ELF class", Windows
  // "is not a valid Win32 application"; a missing build: bindings' "Could not locate the bindings file".
  const wrongBuild = /invalid ELF header|wrong ELF class|not a valid Win32 application|Could not locate the bindings file/.test(message);
  if (!wrongAbi && !wrongBuild) return null;
  const versions = ABI.exec(message);
  const detail = versions ? `（模块版本 ${versions[1]}，${runtime === 'electron' ? '桌面程序' : '当前 Node.js'}需要 ${versions[2]}）` : '';
  const fix =
    runtime === 'electron'
      ? '请在项目文件夹中运行 npm run rebuild:electron，然后重新启动（npm start）。'
      : '请在项目文件夹中运行 npm run rebuild:node，然后重试（运行过 npm run dist 或 rebuild:electron 之后需要这一步）。';
  const what = wrongAbi ? `数据库模块 better-sqlite3 不是为${runtime === 'electron' ? '桌面程序（Electron）' : '当前的 Node.js'}编译的${detail}，无法打开数据文件。` : '数据库模块 better-sqlite3 缺失或不适用于本机，无法打开数据文件。';
  return new AppError('internal', `${what}${fix}`);
}

/**
 * Loads the binding once before the store is touched, so a wrong build stops the start with the fix to
 * run instead of failing somewhere inside the first query.
 */
export function assertNativeModule(runtime: NativeRuntime = currentRuntime()): void {
  try {
    new Database(':memory:', databaseOptions()).close();
  } catch (err) {
    throw nativeModuleError(err, runtime) ?? err;
  }
}
