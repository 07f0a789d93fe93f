/**
 * Packs the built app (dist/, seeds/, the runtime part of node_modules) the way `npm run dist` does, without
 * the Electron binary: electron-builder itself reads electron-builder.yml and builds the unpacked Linux app
 * with a stand-in Electron folder. So the files rules tested are the ones a real build applies, not a second
 * reading of the globs. Used by tests/electron/package.test.ts and the payload figure of `npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asar from '@electron/asar';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PackedApp {
  /** resources/ of the unpacked app: app.asar and app.asar.unpacked. */
  resources: string;
  asarFile: string;
  unpackedDir: string;
  /** Every path inside app.asar, posix, starting with '/'. */
  entries: string[];
  /** Files under app.asar.unpacked, posix, relative to it. */
  unpacked: string[];
}

/**
 * electron-builder copies an Electron distribution folder as the app's skeleton; a folder holding an empty
 * `electron` executable is enough for the `dir` target (nothing runs it).
 */
function fakeElectronDist(dir: string): string {
  const dist = path.join(dir, 'electron-dist');
  fs.mkdirSync(path.join(dist, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'electron'), '');
  fs.chmodSync(path.join(dist, 'electron'), 0o755);
  return dist;
}

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** `files` replaces the yml's list (the bench's baseline: the whole production tree, as before the whitelist). */
export async function packApp(workDir: string, override: { files?: string[] } = {}): Promise<PackedApp> {
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html')) || !fs.existsSync(path.join(root, 'dist', 'electron', 'main.js'))) {
    throw new Error('dist/ is missing: run npm run build first');
  }
  // Loaded here: electron-builder is a devDependency, heavy to import, and only packing needs it.
  const { build, Platform, Arch } = await import('electron-builder');
  const output = path.join(workDir, 'release');
  // Only what a machine without the binary and without network cannot do is changed: where Electron
  // comes from, and the rebuild of better-sqlite3 for Electron's ABI (it downloads Electron's headers).
  const changes = { electronDist: fakeElectronDist(workDir), npmRebuild: false, directories: { output, buildResources: 'build' } };
  let config: string | Record<string, unknown> = changes;
  if (override.files) {
    // A list given in the options would be merged into the yml's; a config file of its own replaces it.
    const { getConfig } = (await import('app-builder-lib/out/util/config/config' as string)) as { getConfig: (dir: string, file: string, options: null) => Promise<Record<string, unknown>> };
    const file = path.join(workDir, 'electron-builder.json');
    fs.writeFileSync(file, JSON.stringify({ ...(await getConfig(root, path.join(root, 'electron-builder.yml'), null)), ...changes, files: override.files }));
    config = file;
  }
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never', config });
  const resources = path.join(output, 'linux-unpacked', 'resources');
  const asarFile = path.join(resources, 'app.asar');
  const unpackedDir = path.join(resources, 'app.asar.unpacked');
  const entries = asar.listPackage(asarFile, { isPack: false }).map((e) => e.split(path.sep).join('/'));
  const unpacked = fs.existsSync(unpackedDir) ? walk(unpackedDir) : [];
  return { resources, asarFile, unpackedDir, entries, unpacked };
}

/** Bytes the app itself adds to Electron: app.asar plus what is unpacked beside it. */
export function payloadBytes(packed: PackedApp): number {
  const unpacked = packed.unpacked.reduce((sum, f) => sum + fs.statSync(path.join(packed.unpackedDir, f)).size, 0);
  return fs.statSync(packed.asarFile).size + unpacked;
}
