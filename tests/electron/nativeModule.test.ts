/**
 * A better-sqlite3 binding built for the other runtime stops the start with what to run, in Chinese.
 * The real case is loaded: fixtures/other-abi/ holds a minimal addon (other_abi.c, built with
 * `gcc -shared -fPIC -O2`) that registers itself with NODE_MODULE_VERSION 140 (Electron 45's line), so Node
 * throws its own error exactly as for an Electron build of better-sqlite3; building a real Electron copy
 * needs Electron's headers from the network. The Electron side (a Node build loaded by Electron) is the
 * same message with the numbers swapped, taken as text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { assertNativeModule, nativeModuleError } from '../../electron/db/nativeModule';
import { setNativeBinding } from '../../electron/db/storeFiles';
import { startCore } from '../../electron/host/app';
import { tempDir } from '../helpers/store';

const OTHER_ABI = path.join(__dirname, 'fixtures', 'other-abi', 'other_abi-linux-x64.node');

// Electron 45 loading node_modules' build made for Node 20, as its main process reports it.
const ELECTRON_LOADING_NODE_BUILD = `The module '/home/user/ducha/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
was compiled against a different Node.js version using
NODE_MODULE_VERSION 115. This version of Node.js requires
NODE_MODULE_VERSION 140. Please try re-compiling or re-installing
the module (for instance, using \`npm rebuild\` or \`npm install\`).`;

afterEach(() => setNativeBinding(undefined));

describe('a binding built for another runtime', () => {
  it('is refused on load with the fix for Node named, not Node\'s own text', () => {
    expect(process.platform === 'linux' && process.arch === 'x64', 'the fixture binding is a linux-x64 build').toBe(true);
    setNativeBinding(OTHER_ABI);
    let thrown: unknown;
    try {
      assertNativeModule('node');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const message = (thrown as AppError).message;
    expect(message).toContain('npm run rebuild:node');
    expect(message).toContain(`模块版本 140，当前 Node.js需要 ${process.versions.modules}`);
    expect(message).not.toMatch(/NODE_MODULE_VERSION|compiled against/);
  });

  it('stops the start before the store is touched', async () => {
    const storePath = path.join(tempDir('ducha-abi-'), 'store.sqlite');
    await expect(startCore({ storePath, nativeBinding: OTHER_ABI })).rejects.toThrow(/better-sqlite3 不是为当前的 Node\.js编译的.*npm run rebuild:node/);
    expect(fs.existsSync(storePath)).toBe(false);
  });

  it('the right binding loads as before', () => {
    expect(() => assertNativeModule('node')).not.toThrow();
  });

  it('inside Electron names rebuild:electron', () => {
    const error = nativeModuleError(new Error(ELECTRON_LOADING_NODE_BUILD), 'electron')!;
    expect(error.message).toBe(
      '数据库模块 better-sqlite3 不是为桌面程序（Electron）编译的（模块版本 115，桌面程序需要 140），无法打开数据文件。请在项目文件夹中运行 npm run rebuild:electron，然后重新启动（npm start）。',
    );
  });

  it('a binding for another CPU or a missing build is named too; other errors are left alone', () => {
    expect(nativeModuleError(new Error('\\\\?\\C:\\ducha\\better_sqlite3.node is not a valid Win32 application.'), 'electron')!.message).toContain('npm run rebuild:electron');
    expect(nativeModuleError(new Error('/x/better_sqlite3.node: invalid ELF header'), 'node')!.message).toContain('npm run rebuild:node');
    expect(nativeModuleError(new Error('SQLITE_CANTOPEN: unable to open database file'), 'node')).toBeNull();
  });
});
