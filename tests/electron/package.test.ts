/**
 * The installers without the Electron binary: electron-builder.yml passes electron-builder's own schema and
 * says what the office PCs need, and the app packed by electron-builder from it (scripts/packApp.ts) holds
 * the built app and the one native module, unpacked, and nothing of the development tree.
 */
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packApp, payloadBytes, type PackedApp } from '../../scripts/packApp';
import { tempDir } from '../helpers/store';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface TargetEntry {
  target: string;
  arch: string[];
}
type Config = Record<string, any>;

async function loadConfig(): Promise<Config> {
  const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config' as string);
  const { DebugLogger } = await import('builder-util' as string);
  const config = (await getConfig(root, path.join(root, 'electron-builder.yml'), null)) as Config;
  // Throws on any key or value the schema of the installed electron-builder does not know.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  let config: Config;
  beforeAll(async () => {
    config = await loadConfig();
  });

  it('builds the NSIS installer and the portable .exe for x64, AppImage and .deb for x64 and arm64', () => {
    expect(config.win.target as TargetEntry[]).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target as TargetEntry[]).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
  });

  it('installs per user, without administrator rights, in Chinese, keeping the data on uninstall', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
    expect(config.nsis.installerLanguages).toEqual(['zh_CN']);
  });

  it('unpacks better-sqlite3 from the asar (a native module cannot be loaded from inside it) and rebuilds it for Electron', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('associates the backup files with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'sqlite', name: '督查工作台数据备份', mimeType: 'application/vnd.sqlite3' })]);
  });
});

describe('the packed app', () => {
  let packed: PackedApp;
  beforeAll(async () => {
    packed = await packApp(tempDir('ducha-pack-'));
  }, 180_000);

  const inAsar = (p: string) => packed.entries.includes(p);

  it('holds the built renderer and the bundled main process and preload', () => {
    for (const file of ['/package.json', '/dist/electron/main.js', '/dist/electron/preload.js', '/dist/renderer/index.html']) expect(inAsar(file), file).toBe(true);
    // The CLI bundle serves the project folder, not the installed app.
    expect(inAsar('/dist/cli/cli.js')).toBe(false);
    const assets = fs.readdirSync(path.join(root, 'dist', 'renderer', 'assets')).filter((f) => !f.endsWith('.map'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(inAsar(`/dist/renderer/assets/${asset}`), asset).toBe(true);
  });

  it('ships the guide\'s screenshots with the renderer', () => {
    const shots = fs.readdirSync(path.join(root, 'renderer', 'public', 'help'));
    expect(shots.length).toBeGreaterThanOrEqual(6);
    for (const shot of shots) expect(inAsar(`/dist/renderer/help/${shot}`), shot).toBe(true);
  });

  it('holds every sample data file of seeds/', () => {
    const seeds = fs.readdirSync(path.join(root, 'seeds'));
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) expect(inAsar(`/seeds/${seed}`), seed).toBe(true);
  });

  it('unpacks the native module beside the asar, built where electron-builder found it', () => {
    const binding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(packed.unpacked).toContain(binding);
    // The asar keeps a placeholder entry for it; reading goes to the unpacked copy.
    expect(fs.statSync(path.join(packed.unpackedDir, binding)).size).toBe(fs.statSync(path.join(root, binding)).size);
  });

  it('can resolve every module the bundled main process requires', () => {
    const main = fs.readFileSync(path.join(root, 'dist', 'electron', 'main.js'), 'utf8');
    const required = new Set([...main.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!));
    const external = [...required].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && name !== 'electron');
    expect(external).toEqual(['better-sqlite3']);
    // What better-sqlite3 loads at run time: its lib and `bindings`, which needs file-uri-to-path.
    for (const file of ['/node_modules/better-sqlite3/package.json', '/node_modules/better-sqlite3/lib/index.js', '/node_modules/bindings/bindings.js', '/node_modules/file-uri-to-path/index.js']) {
      expect(inAsar(file) || packed.unpacked.includes(file.slice(1)), file).toBe(true);
    }
  });

  it('leaves out tests, fixtures, sources, source maps and the development dependencies', () => {
    const all = [...packed.entries, ...packed.unpacked.map((f) => `/${f}`)];
    for (const dir of ['tests', 'electron', 'renderer', 'shared', 'scripts', 'bench', 'docs', 'build', '.electron-native']) {
      expect(all.filter((p) => p === `/${dir}` || p.startsWith(`/${dir}/`)), dir).toEqual([]);
    }
    expect(all.filter((p) => /\.(ts|tsx|mts|map|c|cpp|h|hpp|gyp)$/.test(p))).toEqual([]);
    // Workbooks only as sample data, never the test fixtures.
    expect(all.filter((p) => p.endsWith('.xlsx') && !p.startsWith('/seeds/'))).toEqual([]);
    const modules = new Set(all.map((p) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1]).filter(Boolean));
    expect([...modules].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules.has(dev), dev).toBe(false);
  });

  it('stays small: the app adds a few megabytes to Electron', () => {
    // The renderer with the guide's screenshots, the two bundles, the seeds and one native module (7.2 MB);
    // the whole production tree would be ~57 MB (npm run bench prints both).
    expect(payloadBytes(packed)).toBeLessThan(12 * 1024 * 1024);
  });
});
