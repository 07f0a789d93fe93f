// Bundles the command-line host (electron/cli.ts) into dist/cli/cli.js with esbuild, so that a command
// starts in a fraction of the time `tsx` takes to compile TypeScript at every call. better-sqlite3 stays
// outside (a native module, loaded from node_modules); everything else is inside, as for the main process.
// The bundle sits two folders deep, like its source, so that paths found from __dirname (seeds/) still hold.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(root, 'dist', 'cli', 'cli.js');

/**
 * exceljs takes a third of a second to load and only imports and exports need it, yet the services import
 * it at the top. Inside this bundle every `import ExcelJS from 'exceljs'` gets a stand-in that loads the
 * real module on first use, so `--help`, `list` and `check` never pay for it.
 */
const lazyExceljs = {
  name: 'lazy-exceljs',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, (args) => (args.namespace === 'lazy-exceljs' ? undefined : { path: 'exceljs', namespace: 'lazy-exceljs' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-exceljs' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: `
        let real;
        const load = () => (real ??= require('exceljs'));
        // Not an ES module: importers take this object as the default export and read members at use.
        module.exports = new Proxy({}, {
          get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
          has: (_, key) => key in load(),
        });`,
    }));
  },
};

/** Builds the bundle (written beside, then moved in place: a command running meanwhile never reads half a file). */
export async function buildCli({ outfile = CLI_BUNDLE } = {}) {
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/cli.ts'],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'electron', 'exceljs'],
    plugins: [lazyExceljs],
    sourcemap: false,
    logLevel: 'warning',
    legalComments: 'none',
  });
  fs.renameSync(temp, outfile);
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildCli().then(
    (file) => console.log(`已生成 ${path.relative(root, file)}`),
    (err) => {
      console.error(`打包命令行失败：${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
