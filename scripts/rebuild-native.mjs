// `npm run rebuild:electron` / `npm run rebuild:node`: better-sqlite3 built again for one runtime, when the
// app says the database module was compiled for the other one (electron/db/nativeModule.ts). The Electron
// copy goes to .electron-native/ as `npm start` makes it (same code); the Node copy is node_modules' own,
// which `npm run dist` (electron-builder's rebuild for Electron) replaces.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function rebuildForNode() {
  console.log(`正在为 Node.js ${process.version} 重新编译数据库模块 better-sqlite3……`);
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'rebuild', 'better-sqlite3']] : ['npm', ['rebuild', 'better-sqlite3']];
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: !npm && process.platform === 'win32' });
  if (result.status !== 0) throw new Error('重新编译失败（需要网络下载预编译文件，或本机的 C++ 编译环境）');
  // Loaded in a fresh process: this one may already hold the old binding.
  const check = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`编译完成但仍无法加载：${(check.stderr ?? '').trim().split('\n')[0]}`);
  console.log('完成：命令行、浏览器模式和测试使用这个版本。');
}

function rebuildForElectron() {
  const binding = ensureElectronNative({ force: true });
  console.log(`完成：桌面程序使用 ${path.relative(root, binding)}。`);
}

const target = process.argv[2];
try {
  if (target === 'node') rebuildForNode();
  else if (target === 'electron') rebuildForElectron();
  else throw new Error('用法：node scripts/rebuild-native.mjs node|electron');
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
