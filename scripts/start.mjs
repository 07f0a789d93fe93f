// `npm start`: builds the renderer and the Electron bundles, then opens the desktop window; where the
// Electron binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, no internet to fetch it) or
// with --browser, it starts the browser mode instead. Other arguments (--db, --port, --no-seed) pass through.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

// Kept apart from node_modules/better-sqlite3, whose Node build the tests and the CLI use. Not a
// node_modules tree on purpose: tools that walk dependencies (@electron/rebuild) would climb from there into
// the project's node_modules and rebuild the Node copy as well. electron/main.ts looks for the binding at
// the same place (DEV_NATIVE_BINDING).
const NATIVE_DIR = path.join(root, '.electron-native');
const NATIVE_MODULE = path.join(NATIVE_DIR, 'better-sqlite3');
const NATIVE_BINDING = path.join(NATIVE_MODULE, 'build', 'Release', 'better_sqlite3.node');

/** A package's folder in node_modules (not through require.resolve: some packages do not export package.json). */
function packageDir(name, from = root) {
  for (const base of createRequire(path.join(from, 'package.json')).resolve.paths(name) ?? []) {
    const dir = path.join(base, ...name.split('/'));
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`找不到依赖包 ${name}，请先运行 npm install`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * The Electron executable, or null when it is not installed. The electron package's index.js tries to
 * download a missing binary when required, so its path file is checked first: no network on a plain start.
 */
export function electronBinary() {
  const pkgDir = packageDir('electron');
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH && !fs.existsSync(path.join(pkgDir, 'path.txt'))) return null;
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** npm passes its config as npm_config_* variables; these would point a native build at Node, not Electron. */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|platform|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

/**
 * better-sqlite3 for Electron's ABI, built once per (Electron, better-sqlite3, platform, arch): the same
 * two steps as its own install script, aimed at Electron. First a prebuilt binary (prebuild-install, from
 * the project's GitHub releases), else a compile against Electron's headers (node-gyp; needs a C++ toolchain).
 */
export function ensureElectronNative({ force = false } = {}) {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(packageDir('electron'), 'package.json'), 'utf8')).version;
  const sqlitePkgDir = packageDir('better-sqlite3');
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(sqlitePkgDir, 'package.json'), 'utf8')).version;
  const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });
  const stampFile = path.join(NATIVE_DIR, 'stamp.json');
  if (!force && fs.existsSync(NATIVE_BINDING) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return NATIVE_BINDING;

  console.log(`正在为 Electron ${electronVersion} 准备数据库模块 better-sqlite3（仅首次需要）……`);
  fs.rmSync(NATIVE_DIR, { recursive: true, force: true });
  fs.mkdirSync(NATIVE_DIR, { recursive: true });
  // The sources only: the Node build (build/) must not be mistaken for the Electron one.
  fs.cpSync(sqlitePkgDir, NATIVE_MODULE, {
    recursive: true,
    filter: (src) => !['build', 'node_modules'].includes(path.relative(sqlitePkgDir, src).split(path.sep)[0]),
  });
  const env = buildEnv();
  const target = [`--target=${electronVersion}`, `--arch=${process.arch}`];
  const options = { cwd: NATIVE_MODULE, env };
  const prebuildInstall = path.join(packageDir('prebuild-install', sqlitePkgDir), 'bin.js');
  let status = run(process.execPath, [prebuildInstall, '--runtime=electron', `--platform=${process.platform}`, ...target], options);
  if (status !== 0 || !fs.existsSync(NATIVE_BINDING)) {
    console.log('没有可用的预编译文件，改为本机编译……');
    const nodeGyp = process.env.npm_config_node_gyp ?? path.join(packageDir('node-gyp'), 'bin', 'node-gyp.js');
    status = run(process.execPath, [nodeGyp, 'rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'], options);
  }
  if (status !== 0 || !fs.existsSync(NATIVE_BINDING)) {
    throw new Error('无法为 Electron 准备 better-sqlite3（需要网络下载预编译文件或 Electron 头文件，本机编译还需要 C++ 编译环境）');
  }
  fs.writeFileSync(stampFile, stamp);
  return NATIVE_BINDING;
}

/**
 * Runs a child on this terminal and exits with its code. Ctrl+C already reaches the child (same process
 * group), so SIGINT is only kept from killing this process first; SIGTERM is passed on.
 */
function forward(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`无法启动：${err.message}`);
    process.exit(1);
  });
}

function startBrowserMode(args) {
  const tsx = path.join(packageDir('tsx'), 'dist', 'cli.mjs');
  forward(process.execPath, [tsx, 'electron/host/server.ts', ...args]);
}

function startElectron(binary, args) {
  let nativeBinding;
  try {
    nativeBinding = ensureElectronNative();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error('改为启动浏览器模式。');
    return startBrowserMode(args);
  }
  const env = { ...process.env, DUCHA_NATIVE_BINDING: nativeBinding };
  // Set by some shells and IDEs; it would make the binary run as plain Node instead of an app.
  delete env.ELECTRON_RUN_AS_NODE;
  forward(binary, [root, ...args], env);
}

/**
 * Electron 45 no longer downloads its binary at install time but on first use: do that here, once, where
 * a download is allowed. Offline it fails within seconds, and the browser mode starts instead.
 */
function fetchElectronBinary() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null;
  console.log('正在下载 Electron 桌面程序（仅首次需要，需联网）……');
  const install = path.join(packageDir('electron'), 'install.js');
  const result = spawnSync(process.execPath, [install], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], env: buildEnv(), timeout: 15 * 60_000, encoding: 'utf8' });
  if (result.status === 0) return electronBinary();
  const reason = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(result.stderr ?? '') ? '无法连接网络' : (result.stderr ?? '').trim().split('\n')[0];
  console.log(`下载失败（${reason}）。`);
  return null;
}

function main() {
  const argv = process.argv.slice(2);
  const browserOnly = argv.includes('--browser');
  const args = argv.filter((a) => a !== '--browser');

  const vite = path.join(packageDir('vite'), 'bin', 'vite.js');
  if (run(process.execPath, [vite, 'build', '--logLevel', 'warn']) !== 0) {
    console.error('界面构建失败。');
    process.exit(1);
  }
  return buildElectron().then(() => {
    if (browserOnly) return startBrowserMode(args);
    const binary = electronBinary() ?? fetchElectronBinary();
    if (!binary) {
      console.log('本机没有安装 Electron 桌面程序，无法打开桌面窗口；现在启动浏览器模式。');
      return startBrowserMode(args);
    }
    return startElectron(binary, args);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(`启动失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
