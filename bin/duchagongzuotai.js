#!/usr/bin/env node
// `duchagongzuotai` / `npm run cli`: runs the built command-line host (dist/cli/cli.js, see scripts/build-cli.mjs).
// In a working copy whose sources are newer than the bundle, the bundle is rebuilt first (esbuild, about a
// second, once); comparing the times costs a few milliseconds. Build messages never go to stdout, which
// scripts parse.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

// Ctrl+C is caught from the start: before the bundle is loaded nothing has been opened yet (without a
// handler Node would end silently); once it is, the bundle's `interrupt` knows the command's steps. One
// listener throughout: removing one drops a signal that is on its way.
let interrupt = () => {
  process.stderr.write('已中断（Ctrl+C），未做任何改动。\n');
  process.exit(130);
};
process.on('SIGINT', () => interrupt());

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'cli.js');
const SOURCES = ['electron', 'shared', 'scripts/build-cli.mjs'];

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time among the sources the bundle is built from; 0 when there are none. */
function newestSource() {
  let newest = 0;
  for (const rel of SOURCES) {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) continue;
    if (!fs.statSync(abs).isDirectory()) {
      newest = Math.max(newest, mtime(abs));
      continue;
    }
    for (const f of fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })) {
      if (f.endsWith('.ts')) newest = Math.max(newest, mtime(path.join(abs, f)));
    }
  }
  return newest;
}

/** True when the bundle is there and not older than the sources, rebuilding it if needed. */
function ready() {
  const built = mtime(bundle);
  if (built !== 0 && newestSource() <= built) return true;
  const build = path.join(root, 'scripts', 'build-cli.mjs');
  const r = fs.existsSync(build) ? spawnSync(process.execPath, [build], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }) : null;
  if (r && r.status === 0) return true;
  if (built === 0) {
    process.stderr.write('命令行尚未构建（缺少 dist/cli/cli.js），且无法自动构建：请在项目文件夹中运行 npm install 和 npm run build。\n');
    return false;
  }
  process.stderr.write('源代码有改动，但重新构建命令行失败；以下仍使用上次构建的版本。\n');
  return true;
}

// `npm run cli` runs this from the project folder; relative paths (--db data/store.sqlite, a workbook) are
// meant from the folder the user typed the command in, which npm passes as INIT_CWD.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // Gone meanwhile: paths are then taken from the project folder, as before.
  }
}

if (ready()) {
  const cli = require(bundle);
  interrupt = cli.interrupt;
  cli.main(process.argv.slice(2));
} else {
  process.exitCode = 1;
}
