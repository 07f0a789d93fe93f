// Bundles the Electron main process and the preload into dist/electron/ with esbuild.
// electron and better-sqlite3 stay outside the bundle: one is provided by the runtime, the other is a
// native module loaded from node_modules (rebuilt for Electron's ABI). The preload must come out as one
// CommonJS file requiring nothing but `electron`, because a sandboxed preload cannot load local modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Electron 45 runs Node 22 in the main process and Chromium 140 in the renderer.
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron', 'better-sqlite3'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Builds both bundles into `outDir` (dist/electron by default); returns the two output paths. */
export async function buildElectron({ outDir = path.join(root, 'dist', 'electron') } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const main = path.join(outDir, 'main.js');
  const preload = path.join(outDir, 'preload.js');
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: main, target: 'node22' }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: preload, target: 'chrome140' }),
  ]);
  const required = [...fs.readFileSync(preload, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(`preload.js requires ${foreign.join(', ')}; a sandboxed preload may require only electron`);
  }
  return { main, preload };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron().then(
    ({ main, preload }) => console.log(`已生成 ${path.relative(root, main)} 与 ${path.relative(root, preload)}`),
    (err) => {
      console.error(`打包主进程失败：${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
