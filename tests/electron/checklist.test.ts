/**
 * Points of Electron's security checklist that are about what the code never does, checked over every
 * source file of the main process, preload, renderer and contract: no remote module, no openExternal (no
 * URL from data is ever opened), no HTML from strings, no eval, no Node in the renderer, and paths reaching
 * the main process only as names the service resolves itself (file dialogs or drag-and-drop give bytes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES, methods } from '../../shared/contract';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => {
      const file = path.relative(root, path.join(e.parentPath, e.name));
      return { file, text: fs.readFileSync(path.join(root, file), 'utf8') };
    });
}

const all = [...sources('electron'), ...sources('renderer'), ...sources('shared')];
const renderer = sources('renderer');

function offenders(files: { file: string; text: string }[], pattern: RegExp): string[] {
  return files.filter((f) => pattern.test(f.text)).map((f) => f.file);
}

describe('security checklist over the sources', () => {
  it('reads every source (the checks below would pass vacuously on none)', () => {
    expect(all.length).toBeGreaterThan(60);
    expect(all.map((f) => f.file)).toContain(path.join('electron', 'main.ts'));
  });

  it('no remote module, no openExternal, no webSecurity off, no insecure content', () => {
    expect(offenders(all, /@electron\/remote|enableRemoteModule|\bremote\.require/)).toEqual([]);
    expect(offenders(all, /openExternal\s*\(/)).toEqual([]);
    expect(offenders(all, /webSecurity:\s*false|allowRunningInsecureContent:\s*true|nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false/)).toEqual([]);
  });

  it('no HTML from strings and no eval anywhere; no Node module in the renderer', () => {
    expect(offenders(all, /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/)).toEqual([]);
    expect(offenders(all, /\beval\s*\(|new Function\s*\(/)).toEqual([]);
    expect(offenders(renderer, /from ['"](node:|fs|path|child_process|electron|better-sqlite3)['"]|require\(/)).toEqual([]);
  });

  it('the contract never takes a file system path from the renderer', () => {
    // Inputs name files by their bytes (imports), by a backup's name in the backup folder, or not at all;
    // the paths a user types in the browser mode are two folders: the backups' (settings) and the store's
    // new one (store.move). In the desktop both come only from the folder dialog: the IPC channel refuses
    // them from the page (tests/electron/shell.test.ts).
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) names.add(k);
        Object.values(o).forEach(walk);
      }
    };
    for (const m of METHOD_NAMES) walk(z.toJSONSchema(methods[m].input, { unrepresentable: 'any', io: 'input' }));
    expect(names.size).toBeGreaterThan(30);
    const pathLike = [...names].filter((n) => /path|dir|folder|file/i.test(n));
    expect(pathLike.sort()).toEqual(['backupDir', 'files', 'targetDir']);
    const file = methods['import.preview'].input.shape.files.element;
    // place is the label a file is shown under when two have one name (shared/dropped.ts): never opened.
    expect(Object.keys(file.shape).sort()).toEqual(['data', 'name', 'place']);
  });
});
